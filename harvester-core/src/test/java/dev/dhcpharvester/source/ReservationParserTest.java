package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReservationParserTest {

    @Test
    void readsHostBlocksAtTopLevelAndInsideGroupsAndSubnets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dhcpd.reservations");
        Files.writeString(file, """
                # fixed addresses
                host head { hardware ethernet 52:54:00:AA:00:01; fixed-address 10.6.0.2; }
                group {
                  option domain-name "cord.lab";
                  host "quoted-name" {
                    hardware ethernet 52:54:00:aa:00:02;
                    fixed-address 10.6.0.3, 10.6.0.4;
                    option host-name "ignored";
                  }
                }
                subnet 10.6.0.0 netmask 255.255.255.0 {
                  range 10.6.0.100 10.6.0.200;
                  host by-name { hardware ethernet 52:54:00:aa:00:05; fixed-address switch.cord.lab; }
                  host no-address { hardware ethernet 52:54:00:aa:00:06; }
                }
                """);

        ReservationParser.Result result = ReservationParser.parse(file);

        assertThat(result.reservations()).extracting(Lease::hostname, Lease::address, Lease::mac).containsExactly(
                org.assertj.core.groups.Tuple.tuple("head", "10.6.0.2", "52:54:00:aa:00:01"),
                org.assertj.core.groups.Tuple.tuple("quoted-name", "10.6.0.3", "52:54:00:aa:00:02"),
                org.assertj.core.groups.Tuple.tuple("quoted-name", "10.6.0.4", "52:54:00:aa:00:02"));
        assertThat(result.reservations()).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(BindingState.ACTIVE);
            assertThat(r.ends()).isNull();
        });
        assertThat(result.warnings()).hasSize(2);
        assertThat(result.warnings().get(0)).contains("by-name", "switch.cord.lab", "not an IPv4 or IPv6 address");
        assertThat(result.warnings().get(1)).contains("no-address", "no fixed-address");
    }

    @Test
    void aMissingFileHoldsNoReservations(@TempDir Path dir) throws Exception {
        assertThat(ReservationParser.parse(dir.resolve("absent")).reservations()).isEmpty();
    }

    @Test
    void aMalformedFileIsAnErrorWithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad");
        Files.writeString(file, "host a {\n  hardware ethernet 52:54:00:aa:00:01;\n  fixed-address 10.0.0.1\n}\n");

        assertThatThrownBy(() -> ReservationParser.parse(file))
                .isInstanceOf(LeaseFileException.class)
                .hasMessage(file + ":4: expected ';' or ',' after the fixed address but found '}'");
    }

    @Test
    void anUnclosedHostIsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad");
        Files.writeString(file, "host a {\n  fixed-address 10.0.0.1;\n");

        assertThatThrownBy(() -> ReservationParser.parse(file))
                .isInstanceOf(LeaseFileException.class)
                .hasMessage(file + ":1: host a is not closed by '}'");
    }

    @Test
    void aDuidOfOtherThanAsciiHexDigitsIsAnErrorWithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dhcpd6.reservations");
        for (String duid : new String[] {"00:01:0g:02", "00:01:\u0663\u0663", "0:01"}) { // 'g', Arabic-Indic digits, odd
            Files.writeString(file, "host six {\n  host-identifier option dhcp6.client-id " + duid + ";\n"
                    + "  fixed-address6 2001:db8::6;\n}\n");

            assertThatThrownBy(() -> ReservationParser.parse(file)).as(duid).isInstanceOf(LeaseFileException.class)
                    .hasMessageContaining(":2:").hasMessageContaining("DUID as hex octets");
        }
    }
}
