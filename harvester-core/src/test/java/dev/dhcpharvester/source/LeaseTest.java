package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The lease kept packed (one array, seconds, file and line) gives back what it was made of. */
class LeaseTest {

    private static final Instant STARTS = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant ENDS = Instant.parse("2026-11-25T14:00:00Z");

    private static Lease lease(String mac, String clientId, String hostname, Instant starts, Instant ends) {
        return new Lease("192.0.2.7", mac, clientId, hostname, starts, ends, BindingState.ACTIVE, false,
                new Lease.Origin("dhcpd.leases", 42));
    }

    @Test
    void givesBackEveryFieldItWasMadeOf() {
        Lease lease = new Lease("2001:db8::7", "52:54:00:ab:cd:ef", "00010001ff", "café-ünï 名前", STARTS, null,
                BindingState.BACKUP, true, new Lease.Origin("kea-leases6.csv", 9));

        assertThat(lease.address()).isEqualTo("2001:db8::7");
        assertThat(lease.mac()).isEqualTo("52:54:00:ab:cd:ef");
        assertThat(lease.clientId()).isEqualTo("00010001ff");
        assertThat(lease.clientIdBytes()).containsExactly(0x00, 0x01, 0x00, 0x01, 0xff);
        assertThat(lease.hostname()).isEqualTo("café-ünï 名前");
        assertThat(lease.starts()).isEqualTo(STARTS);
        assertThat(lease.ends()).isNull();
        assertThat(lease.state()).isEqualTo(BindingState.BACKUP);
        assertThat(lease.abandoned()).isTrue();
        assertThat(lease.origin()).hasToString("kea-leases6.csv:9");
        assertThat(lease.hasMac()).isTrue();
        assertThat(lease.hasClientId()).isTrue();
        assertThat(lease.hasHostname()).isTrue();
    }

    @Test
    void emptyFieldsStayEmpty() {
        Lease lease = lease("", "", "", null, ENDS);

        assertThat(lease.mac()).isEmpty();
        assertThat(lease.clientId()).isEmpty();
        assertThat(lease.hostname()).isEmpty();
        assertThat(lease.hasMac()).isFalse();
        assertThat(lease.hasClientId()).isFalse();
        assertThat(lease.hasHostname()).isFalse();
        assertThat(lease.starts()).isNull();
        assertThat(lease.ends()).isEqualTo(ENDS);
    }

    @Test
    void aNameAloneIsNotTakenForAHardwareAddressOrClientId() {
        Lease lease = lease("", "", "web", STARTS, ENDS);

        assertThat(lease.hasMac()).isFalse();
        assertThat(lease.hasClientId()).isFalse();
        assertThat(lease.hostname()).isEqualTo("web");
    }

    @Test
    void coversFromItsStartUpToButNotIncludingItsEndAtAnyFractionOfASecond() {
        Lease lease = lease("", "", "h", STARTS, ENDS);

        assertThat(lease.coversInstant(STARTS.minusMillis(1))).isFalse();
        assertThat(lease.coversInstant(STARTS)).isTrue();
        assertThat(lease.coversInstant(STARTS.plusMillis(500))).isTrue();
        assertThat(lease.coversInstant(ENDS.minusNanos(1))).isTrue();
        assertThat(lease.coversInstant(ENDS)).isFalse();
        assertThat(lease("", "", "h", null, null).coversInstant(Instant.MAX)).isTrue();
    }

    @Test
    void equalWhenMadeOfTheSameAndNotWhenReadElsewhere() {
        Lease a = lease("52:54:00:00:00:01", "01aa", "h", STARTS, ENDS);
        Lease b = lease("52:54:00:00:00:01", "01aa", "h", STARTS, ENDS);
        Lease moved = a.inPartFrom(11);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(moved).isNotEqualTo(a);
        assertThat(moved.origin().line()).isEqualTo(52);
        assertThat(moved.sameExceptOrigin(a)).isTrue();
        assertThat(lease("52:54:00:00:00:01", "01aa", "h2", STARTS, ENDS).sameExceptOrigin(a)).isFalse();
        assertThat(lease("52:54:00:00:00:01", "01ab", "h", STARTS, ENDS).sameExceptOrigin(a)).isFalse();
        assertThat(lease("52:54:00:00:00:01", "01aa", "h", STARTS, ENDS.plusSeconds(1)).sameExceptOrigin(a)).isFalse();
    }

    @Test
    void refusesATimeWithAFractionOfASecondAndAClientIdThatIsNotHex() {
        assertThatThrownBy(() -> lease("", "", "h", STARTS.plusMillis(1), ENDS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> lease("", "0g", "h", STARTS, ENDS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlockKeptFromAFileGivesTheSameLeaseAsTheFieldsDo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String file = """
                lease 192.0.2.7 {
                  starts 3 2026/11/25 10:00:00;
                  ends 3 2026/11/25 14:00:00;
                  binding state active;
                  hardware ethernet 52:54:00:AB:CD:EF;
                  uid "\\001RT\\000\\253\\315\\357";
                  client-hostname "caf\\303\\251";
                }
                """;
        java.nio.file.Path leases = java.nio.file.Files.writeString(dir.resolve("dhcpd.leases"), file);
        java.util.List<Lease> read = new java.util.ArrayList<>();
        IscLeaseParser.parse(leases, block -> read.add(block.toLease()));

        assertThat(read).containsExactly(new Lease("192.0.2.7", "52:54:00:ab:cd:ef", "01525400abcdef", "café", STARTS,
                ENDS, BindingState.ACTIVE, false, new Lease.Origin(leases.toString(), 1)));
    }

    @Test
    void hostnameEqualsTheNameAskedForExactlyAndNothingElse() {
        assertThat(lease("", "", "web-1", STARTS, ENDS).hostnameEquals("web-1")).isTrue();
        assertThat(lease("", "", "web-1", STARTS, ENDS).hostnameEquals("Web-1")).isFalse();
        assertThat(lease("", "", "web-1", STARTS, ENDS).hostnameEquals("web-")).isFalse();
        assertThat(lease("", "", "", STARTS, ENDS).hostnameEquals("")).isTrue();
        assertThat(lease("", "", "é", STARTS, ENDS).hostnameEquals("é")).isFalse(); // ASCII names (labels) only
        assertThat(lease("", "", "\u00c3\u00a9", STARTS, ENDS).hostnameEquals("é")).isFalse();
        assertThat(lease("52:54:00:00:00:01", "01aa", "h", STARTS, ENDS).hostnameEquals("h")).isTrue();
        assertThat(lease("", "", "a?", STARTS, ENDS).hostnameEquals("a\u20ac")).isFalse(); // not '?' for what Latin-1 lacks
    }

    @Test
    void tellsItsAddressFamilyWhetherTheAddressWasReadAsANumberOrGivenAsText(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String file = "lease 192.0.2.7 {\n  starts 3 2026/11/25 10:00:00;\n  ends 3 2026/11/25 14:00:00;\n"
                + "  binding state active;\n}\n";
        java.nio.file.Path leases = java.nio.file.Files.writeString(dir.resolve("dhcpd.leases"), file);
        java.util.List<Lease> read = new java.util.ArrayList<>();
        IscLeaseParser.parse(leases, block -> read.add(block.toLease()));

        assertThat(read.get(0).isIpv6()).isFalse();
        assertThat(read.get(0).address()).isEqualTo("192.0.2.7");
        assertThat(read.get(0).isIpv6()).isFalse();
        assertThat(lease("", "", "h", STARTS, ENDS).isIpv6()).isFalse();
        assertThat(new Lease("2001:db8::7", "", "", "h", STARTS, ENDS, BindingState.ACTIVE, false,
                new Lease.Origin("kea-leases6.csv", 2)).isIpv6()).isTrue();
    }
}
