package dev.dhcpharvester.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dhcpharvester.harvest.HarvestParameters.Dialect;
import dev.dhcpharvester.verification.VerifyOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The parameters both the command line and the Jenkins step are checked through. */
class HarvestParametersTest {

    static final Path WORKSPACE = Path.of("/srv/jenkins/workspace/harvest");

    @Test
    void defaultsAreTheCommandLinesAndRelativePathsLandInTheWorkspace() {
        HarvestConfig defaults = new HarvestParameters().toConfig(Dialect.OPTIONS, Path.of("/"));
        assertThat(defaults.leases()).isEqualTo(Path.of("/var/lib/dhcp/dhcpd.leases"));
        assertThat(defaults.include().dest()).isEqualTo(Path.of("/etc/bind/dhcp_harvest.inc"));
        assertThat(defaults.include().rndc().port()).isEqualTo(953);
        assertThat(defaults.verify()).isNull();
        assertThat(defaults.ddns()).isNull();

        HarvestConfig relative = new HarvestParameters().leases("leases/dhcpd.leases").dest("out/harvest.inc")
                .reservations("/etc/dhcp/other").toConfig(Dialect.STEP, WORKSPACE);
        assertThat(relative.leases()).isEqualTo(WORKSPACE.resolve("leases/dhcpd.leases"));
        assertThat(relative.include().dest()).isEqualTo(WORKSPACE.resolve("out/harvest.inc"));
        assertThat(relative.reservations()).isEqualTo(Path.of("/etc/dhcp/other"));
        assertThat(new HarvestParameters().dest("-").toConfig(Dialect.STEP, WORKSPACE).include().dest()).isNull();
        HarvestConfig two = new HarvestParameters().leases("/var/lib/dhcp/dhcpd.leases, kea/kea-leases6.csv")
                .toConfig(Dialect.STEP, WORKSPACE);
        assertThat(two.sources()).extracting(LeaseSource::file)
                .containsExactly(Path.of("/var/lib/dhcp/dhcpd.leases"), WORKSPACE.resolve("kea/kea-leases6.csv"));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new HarvestParameters()
                .leases(List.of("a.leases", "a.leases")).toConfig(Dialect.OPTIONS, WORKSPACE)))
                .hasMessage("-l/--leases names the same source twice");
    }

    @Test
    void blanksAsAFormLeavesThemKeepTheDefaults() {
        HarvestConfig config = new HarvestParameters().leases(" ").timeout("").verify(true).verifyMethod(null)
                .include(List.of("", " a ")).toConfig(Dialect.STEP, WORKSPACE);
        assertThat(config.leases()).isEqualTo(Path.of("/var/lib/dhcp/dhcpd.leases"));
        assertThat(config.verify().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.verify().method()).isEqualTo(VerifyOptions.Method.ICMP);
        assertThat(config.names().include()).containsExactly("a");
    }

    @Test
    void aFormFieldListIsSplitAtCommasAndWhiteSpace() {
        assertThat(HarvestParameters.splitList(" compute-, head\n ^switch ,,")).containsExactly("compute-", "head", "^switch");
        assertThat(HarvestParameters.splitList("  ")).isEmpty();
        assertThat(HarvestParameters.splitList(null)).isEmpty();
    }

    @Test
    void aKeyFromASecretStoreSignsRndcInIncludeModeAndTheUpdatesInDynamicMode() {
        HarvestConfig include = new HarvestParameters().zone("cord.lab").secretKeyFile("/tmp/secret/key")
                .toConfig(Dialect.STEP, WORKSPACE);
        assertThat(include.include().rndc().keyFile()).isEqualTo(Path.of("/tmp/secret/key"));

        HarvestConfig ddns = new HarvestParameters().mode("ddns").zone("cord.lab").dnsServers(List.of("127.0.0.1:53"))
                .secretKeyFile("/tmp/secret/key").toConfig(Dialect.STEP, WORKSPACE);
        assertThat(ddns.ddns().tsigKey()).isEqualTo(Path.of("/tmp/secret/key"));
        assertThat(ddns.include().rndc().keyFile()).isNull();
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                bad(p -> p.verify(true).verifyMethod("smoke"), "verifyMethod must be icmp, fping, ping, tcp or both, not 'smoke'",
                        "--verify-method must be icmp, fping, ping, tcp or both, not 'smoke'"),
                bad(p -> p.verify(true).timeout("soon"), "timeout: 'soon' is not a duration; write e.g. 500ms, 1s, 5m, 1h, 1d or plain seconds",
                        "-t/--timeout: 'soon' is not a duration; write e.g. 500ms, 1s, 5m, 1h, 1d or plain seconds"),
                bad(p -> p.verify(true).timeout("0s"), "timeout must be longer than zero", "-t/--timeout must be longer than zero"),
                bad(p -> p.verify(true).workers(0), "workers must be at least 1", "-w/--workers must be at least 1"),
                bad(p -> p.verify(true).verifyTcpPorts(List.of(22, 70000)), "verifyTcpPorts takes port numbers from 1 to 65535, not 70000",
                        "--verify-tcp-ports takes port numbers from 1 to 65535, not 70000"),
                bad(p -> p.filter(List.of("compute[")), "filter 'compute[' is not a valid regular expression: Unclosed character class",
                        "-f/--filter 'compute[' is not a valid regular expression: Unclosed character class"),
                bad(p -> p.reverseDest("rev.inc"), "reverseDest needs the forward zone (zone) to name the PTR targets",
                        "--reverse-dest needs the forward zone (-z/--zone) to name the PTR targets"),
                bad(p -> p.zone("cord.lab").bumpSerial("6.10.in-addr.arpa=db.10.6"),
                        "bumpSerial names 6.10.in-addr.arpa, which has no reverseDest 6.10.in-addr.arpa=FILE",
                        "--bump-serial names 6.10.in-addr.arpa, which has no --reverse-dest 6.10.in-addr.arpa=FILE"),
                bad(p -> p.bumpSerial("db.cord.lab, db.other"),
                        "bumpSerial names more than one file without ZONE=; the forward zone has one file",
                        "--bump-serial names more than one file without ZONE=; the forward zone has one file"),
                bad(p -> p.rndcPort(0), "rndcPort must be a port number from 1 to 65535", "-p/--port must be a port number from 1 to 65535"),
                bad(p -> p.maxRemoval(150), "maxRemoval is a percentage from 0 to 100", "--max-removal is a percentage from 0 to 100"),
                bad(p -> p.mode("nsupdate"), "mode must be include or ddns, not 'nsupdate'", "--mode must be include or ddns, not 'nsupdate'"),
                bad(p -> p.mode("ddns"), "mode ddns needs a forward zone: give zone or forwardZones",
                        "--mode ddns needs a forward zone: give -z/--zone or --forward-zone"),
                bad(p -> p.mode("ddns").zone("cord.lab"), "zone cord.lab has no server: give dnsServers HOST[:PORT] or dnsServers cord.lab=HOST[:PORT]",
                        "zone cord.lab has no server: give --dns-server HOST[:PORT] or --dns-server cord.lab=HOST[:PORT]"),
                bad(p -> p.mode("ddns").zone("z").dnsServers(List.of("127.0.0.1:99999")),
                        "dnsServers '127.0.0.1:99999' is not [ZONE=]HOST, [ZONE=]HOST:PORT or [ZONE=][IPv6]:PORT",
                        "--dns-server '127.0.0.1:99999' is not [ZONE=]HOST, [ZONE=]HOST:PORT or [ZONE=][IPv6]:PORT"),
                bad(p -> p.mode("ddns").zone("z").dnsServers(List.of("::1")).owner("../etc"),
                        "owner must be letters, digits, '.', '_' or '-', not '../etc'",
                        "--owner must be letters, digits, '.', '_' or '-', not '../etc'"),
                bad(p -> p.sourceFormat("csv"), "sourceFormat must be isc, isc6, kea-csv, dnsmasq or kea-api, not 'csv'",
                        "--source-format must be isc, isc6, kea-csv, dnsmasq or kea-api, not 'csv'"),
                bad(p -> p.asOf("yesterday"), "asOf 'yesterday' is not a time; write 2026-11-25T12:00:00Z or '2026/11/25 12:00:00'",
                        "--as-of 'yesterday' is not a time; write 2026-11-25T12:00:00Z or '2026/11/25 12:00:00'"));
    }

    static Arguments bad(UnaryOperator<HarvestParameters> setting, String asStep, String asOption) {
        return Arguments.of(setting, asStep, asOption);
    }

    @ParameterizedTest
    @MethodSource("wrongValues")
    void aWrongValueIsNamedInTheWordsOfTheInterfaceItCameFrom(UnaryOperator<HarvestParameters> setting, String asStep,
            String asOption) {
        assertThatThrownBy(() -> setting.apply(new HarvestParameters()).toConfig(Dialect.STEP, WORKSPACE))
                .isInstanceOf(BadParameterException.class).hasMessage(asStep);
        assertThatThrownBy(() -> setting.apply(new HarvestParameters()).toConfig(Dialect.OPTIONS, WORKSPACE))
                .isInstanceOf(BadParameterException.class).hasMessage(asOption);
    }

    @Test
    void theUnreachableLimitTakesACountOrAShareOfTheProbed() {
        assertThat(new HarvestParameters().unreachableLimit(Dialect.STEP)).isNull();
        UnreachableLimit count = new HarvestParameters().maxUnreachable("2").unreachableLimit(Dialect.STEP);
        assertThat(count.exceededBy(2, 100)).isNull();
        assertThat(count.exceededBy(3, 100)).isEqualTo("3 of 100 probed hosts did not answer, more than the limit of 2");
        UnreachableLimit share = new HarvestParameters().maxUnreachable("10%").unreachableLimit(Dialect.STEP);
        assertThat(share.exceededBy(10, 100)).isNull();
        assertThat(share.exceededBy(11, 100)).isNotNull();
        assertThatThrownBy(() -> new HarvestParameters().maxUnreachable("many").unreachableLimit(Dialect.OPTIONS))
                .hasMessage("--max-unreachable takes a number of hosts or a percentage of those probed, e.g. 10 or 5%, not 'many'");
        assertThatThrownBy(() -> new HarvestParameters().maxUnreachable("150%").unreachableLimit(Dialect.STEP))
                .hasMessageStartingWith("maxUnreachable takes a number of hosts");
    }
}
