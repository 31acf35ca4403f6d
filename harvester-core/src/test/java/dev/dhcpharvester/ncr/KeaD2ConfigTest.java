package dev.dhcpharvester.ncr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.TSIG;

class KeaD2ConfigTest {

    /** Shaped after the example in Kea's ARM (D2 configuration), with the comment styles Kea allows. */
    static final String CONFIG = """
            // kea-dhcp-ddns.conf
            {
            "DhcpDdns": {
              "ip-address": "127.0.0.1",
              "port": 53001,          # D2's default
              "dns-server-timeout": 1000,
              "control-socket": { "socket-type": "unix", "socket-name": "/tmp/kea-ddns-ctrl-socket" },
              /* keys by name */
              "tsig-keys": [
                { "name": "d2.md5.key", "algorithm": "HMAC-MD5", "secret": "LSWXnfkKZjdPJI5QxlpnfQ==" },
                { "name": "d2.sha512.key", "algorithm": "hmac-sha512", "digest-bits": 0,
                  "secret": "/4wklkm04jeH4anx2MKGJLcya+ZLHldL5d6mK+4q6UXQP7KJ9mS2QG29hh0SJR4LA0ikxNJTUMvir42gLx6fGQ==" }
              ],
              "forward-ddns": { "ddns-domains": [
                { "name": "four.example.com.", "key-name": "d2.md5.key",
                  "dns-servers": [ { "ip-address": "172.16.1.1" },
                                   { "ip-address": "172.16.1.2", "port": 5353, "key-name": "d2.sha512.key" } ] }
              ] },
              "reverse-ddns": { "ddns-domains": [
                { "name": "2.0.192.in-addr.arpa.", "dns-servers": [ { "ip-address": "2001:db8::1" } ] }
              ] },
              "loggers": [ { "name": "kea-dhcp-ddns", "severity": "INFO" } ]
            }
            }
            """;

    @Test
    void readsWhatOurListenerNeeds(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("kea-dhcp-ddns.conf"), CONFIG);
        KeaD2Config config = KeaD2Config.read(file);
        assertThat(config.listen().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(config.listen().getPort()).isEqualTo(53001);
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.forward()).singleElement().satisfies(zone -> {
            assertThat(zone.name().toString()).isEqualTo("four.example.com.");
            assertThat(zone.servers()).hasSize(2);
            assertThat(zone.servers().get(0).port()).isEqualTo(53);
            assertThat(zone.servers().get(0).key().generate(new org.xbill.DNS.Message(), new byte[0], 0, null).getAlgorithm()).isEqualTo(TSIG.HMAC_MD5);
            assertThat(zone.servers().get(1).port()).isEqualTo(5353);
            assertThat(zone.servers().get(1).key().generate(new org.xbill.DNS.Message(), new byte[0], 0, null).getAlgorithm()).isEqualTo(TSIG.HMAC_SHA512); // the server's own key wins
        });
        assertThat(config.reverse()).singleElement().satisfies(zone -> {
            assertThat(zone.servers().get(0).host()).isEqualTo("2001:db8:0:0:0:0:0:1");
            assertThat(zone.servers().get(0).key()).isNull();
        });
    }

    @Test
    void defaultsAsD2s(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("d2.conf"), """
                { "DhcpDdns": { "forward-ddns": { "ddns-domains": [ { "name": "x.test", "dns-servers": [ { "ip-address": "127.0.0.1" } ] } ] } } }
                """);
        KeaD2Config config = KeaD2Config.read(file);
        assertThat(config.listen().getPort()).isEqualTo(53001);
        assertThat(config.listen().getAddress().isLoopbackAddress()).isTrue();
        assertThat(config.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.reverse()).isEmpty();
    }

    @Test
    void errorsNameTheFileAndTheSetting(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> KeaD2Config.read(dir.resolve("missing.conf"))).hasMessageEndingWith("missing.conf: no such file");
        assertRejected(dir, "{ \"Dhcp4\": {} }", "no \"DhcpDdns\" object");
        assertRejected(dir, "{ \"DhcpDdns\": { \"ncr-protocol\": \"TCP\" } }", "ncr-protocol TCP is not supported");
        assertRejected(dir, "{ \"DhcpDdns\": { \"port\": 70000 } }", "port 70000 is not from 1 to 65535");
        assertRejected(dir, "{ \"DhcpDdns\": { \"ip-address\": \"localhost\" } }", "ip-address 'localhost' is not an IP address");
        assertRejected(dir, CONFIG.replace("\"key-name\": \"d2.md5.key\"", "\"key-name\": \"nope\""),
                "forward-ddns domain four.example.com.: key-name nope is not among the tsig-keys");
        assertRejected(dir, CONFIG.replace("\"algorithm\": \"HMAC-MD5\"", "\"algorithm\": \"HMAC-GOST\""),
                "key \"d2.md5.key\" uses algorithm 'HMAC-GOST'");
        assertRejected(dir, CONFIG.replace("{ \"ip-address\": \"172.16.1.1\" }", "{ \"hostname\": \"ns1\" }"),
                "dns-servers take an ip-address, not a hostname");
        assertRejected(dir, "{ \"DhcpDdns\": { \"forward-ddns\": { \"ddns-domains\": [ { \"name\": \"x.test\" } ] } } }",
                "forward-ddns domain x.test has no dns-servers");
        assertRejected(dir, "{ \"DhcpDdns\": { ", "not JSON at line 1");
        String secret = "LSWXnfkKZjdPJI5QxlpnfQ==";
        assertThatThrownBy(() -> KeaD2Config.read(Files.writeString(dir.resolve("bad.conf"),
                CONFIG.replace("\"algorithm\": \"HMAC-MD5\"", "\"algorithm\": \"HMAC-GOST\""))))
                .hasMessageNotContaining(secret);
    }

    private static void assertRejected(Path dir, String text, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.conf"), text);
        assertThatThrownBy(() -> KeaD2Config.read(file)).hasMessageStartingWith(file.toString()).hasMessageContaining(message);
    }
}
