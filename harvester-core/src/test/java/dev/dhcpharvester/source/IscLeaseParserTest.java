package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IscLeaseParserTest {

    static Path resource(String name) {
        try {
            return Path.of(IscLeaseParserTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Lease> parse(Path file) throws Exception {
        List<Lease> leases = new ArrayList<>();
        IscLeaseParser.parse(file, block -> leases.add(block.toLease()));
        return leases;
    }

    @Test
    void readsEveryStatementOfADhcpd44FailoverFile() throws Exception {
        List<Lease> leases = parse(resource("leases/dhcpd44-failover.leases"));

        assertThat(leases).extracting(Lease::address)
                .containsExactly("192.0.2.10", "192.0.2.11", "192.0.2.12", "192.0.2.13", "192.0.2.10");
        Lease alpha = leases.get(0);
        assertThat(alpha.starts()).isEqualTo(Instant.parse("2026-11-25T08:10:11Z"));
        assertThat(alpha.ends()).isEqualTo(Instant.parse("2026-11-25T20:10:11Z"));
        assertThat(alpha.state()).isEqualTo(BindingState.ACTIVE);
        assertThat(alpha.mac()).isEqualTo("00:16:3e:0a:0b:0c");
        assertThat(alpha.clientId()).isEqualTo("0100163e0a0b0c");
        assertThat(alpha.hostname()).isEqualTo("alpha");
        assertThat(alpha.origin().line()).isEqualTo(15);

        assertThat(leases.get(1).state()).isEqualTo(BindingState.BACKUP);
        assertThat(leases.get(1).mac()).isEmpty();
        assertThat(leases.get(2).ends()).as("ends never").isNull();
        assertThat(leases.get(2).hostname()).isEqualTo("pxe-\"quoted\"\\name");
        assertThat(leases.get(3).abandoned()).isTrue();
        assertThat(leases.get(4).clientId()).as("uid as hex octets").isEqualTo("0100163e0a0b0c");
        assertThat(leases.get(4).hostname()).isEqualTo("alpha-renewed");
    }

    @Test
    void readsEpochTimesWrittenWithDbTimeFormatLocal() throws Exception {
        Lease lease = parse(resource("leases/dhcpd-epoch-local.leases")).get(0);

        assertThat(lease.starts()).isEqualTo(Instant.ofEpochSecond(1764062400));
        assertThat(lease.ends()).isEqualTo(Instant.ofEpochSecond(1764105600));
    }

    @Test
    void decodesDhcpdOctalAndHexEscapesInClientHostnames() throws Exception {
        List<Lease> leases = parse(resource("leases/dhcpd-escapes.leases"));

        assertThat(leases.get(0).hostname()).isEqualTo("line\n$INCLUDE /etc/shadow");
        assertThat(leases.get(1).hostname()).isEqualTo("café");
        assertThat(leases.get(2).hostname()).isEqualTo("tab\tandAhex");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad-month.leases          | 3 | expected 'ends W YYYY/MM/DD HH:MM:SS;'",
        "missing-semicolon.leases  | 4 | expected ';' after 'binding state active' but found 'hardware'",
        "truncated.leases          | 1 | lease 192.0.2.1 is not closed by '}'",
        "bad-address.leases        | 1 | expected an IPv4 address after 'lease' but found '192.0.2.300'",
        "bad-state.leases          | 2 | expected a binding state",
        "unterminated-string.leases| 2 | quoted string is not closed before end of file",
        "garbage.leases            | 3 | expected a 'lease' declaration (or DHCPv6 'ia-na', 'ia-ta', 'ia-pd') but found 'this'",
        "bad-mac.leases            | 2 | expected a hardware address like",
        "extra-brace.leases        | 4 | expected a 'lease' declaration (or DHCPv6 'ia-na', 'ia-ta', 'ia-pd') but found '}'",
    })
    void malformedFilesNameTheFileTheLineAndWhatWasExpected(String file, int line, String message) {
        Path path = resource("malformed/" + file);
        assertThatThrownBy(() -> parse(path))
                .isInstanceOf(LeaseFileException.class)
                .hasMessageStartingWith(path + ":" + line + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void unknownStatementsInsideALeaseAreSkippedAndReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("future.leases");
        Files.writeString(file, "lease 192.0.2.5 {\n  binding state active;\n  quantum-flux 42 \"x\";\n"
                + "  client-hostname \"h\";\n}\n");
        List<Lease> leases = new ArrayList<>();

        IscLeaseParser.Summary summary = IscLeaseParser.parse(file, block -> leases.add(block.toLease()));

        assertThat(leases).singleElement().extracting(Lease::hostname).isEqualTo("h");
        assertThat(summary.warnings()).singleElement().asString().contains("quantum-flux");
    }

    @Test
    void tokensSpanningTheReadBufferAreReadWhole(@TempDir Path dir) throws Exception {
        // Enough leases that tokens straddle the 1 MiB chunk boundary somewhere.
        StringBuilder text = new StringBuilder();
        int count = 20_000;
        for (int i = 0; i < count; i++) {
            text.append("lease 10.").append(i >> 16 & 255).append('.').append(i >> 8 & 255).append('.').append(i & 255)
                    .append(" {\n  starts 3 2026/11/25 08:00:00;\n  ends 3 2026/11/25 20:00:00;\n"
                            + "  binding state active;\n  hardware ethernet 00:16:3e:00:00:01;\n"
                            + "  client-hostname \"host-").append(i).append("\";\n}\n");
        }
        Path file = dir.resolve("big.leases");
        Files.writeString(file, text);

        List<Lease> leases = parse(file);

        assertThat(leases).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(leases.get(i).hostname()).isEqualTo("host-" + i);
            assertThat(leases.get(i).ends()).isEqualTo(Instant.parse("2026-11-25T20:00:00Z"));
        }
        assertThat(leases.get(count - 1).origin().line()).isEqualTo(1 + 7 * (count - 1));
    }

    @Test
    void normalisesHardwareAddresses() {
        assertThat(IscLeaseParser.normalizeMac("0:16:3E:a:B:c")).isEqualTo("00:16:3e:0a:0b:0c");
        assertThat(IscLeaseParser.normalizeMac("00:16:3e:0a:0b:")).isNull();
        assertThat(IscLeaseParser.normalizeMac("001:16")).isNull();
    }

    @Test
    void anAddressInNormalFormIsCopiedAsTheOctetByOctetReadWouldWriteIt() {
        java.util.Random random = new java.util.Random(9);
        byte[] alphabet = "0123456789abcdefABCDEF::::g -".getBytes(StandardCharsets.ISO_8859_1);
        for (int run = 0; run < 200_000; run++) {
            byte[] b = new byte[3 + random.nextInt(24)];
            int from = random.nextInt(3);
            int length = random.nextInt(b.length - from + 1);
            for (int i = 0; i < b.length; i++) {
                // mostly in shape (hex pairs and colons), so that the normal form comes up often
                b[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)]
                        : (i - from) % 3 == 2 ? (byte) ':' : alphabet[random.nextInt(16)];
            }
            byte[] fast = new byte[random.nextInt(30)];
            byte[] slow = fast.clone();
            int n = IscLeaseParser.normalizeMac(b, from, length, fast);
            assertThat(n).as("%s", new String(b, from, length, StandardCharsets.ISO_8859_1))
                    .isEqualTo(IscLeaseParser.normalizeOctets(b, from, length, slow));
            assertThat(fast).isEqualTo(slow);
        }
    }
}
