package dev.dhcpharvester.publication.ddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.source.BindingState;
import dev.dhcpharvester.source.Lease;
import dev.dhcpharvester.testing.NamedServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Kea's own DHCP-DDNS daemon (kea-dhcp-ddns from Debian) and ours against the same named: a name
 * D2 added for a client carries the DHCID we compute for that client, and we recognise it as that
 * client's (replace, not conflict), while another client's claim to it is refused.
 */
class KeaD2InteropTest {

    static final Path D2 = Path.of("/usr/sbin/kea-dhcp-ddns");

    @Test
    void aNameKeaD2AddedIsRecognisedAsThatClients(@TempDir Path dir) throws Exception {
        assumeTrue(NamedServer.available() && Files.isExecutable(D2), "named and kea-dhcp-ddns are installed by bin/run-tests");
        try (NamedServer named = NamedServer.start(dir)) {
            int d2Port;
            try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                d2Port = probe.getLocalPort();
            }
            Path config = named.writeKeaD2Config(dir.resolve("kea-dhcp-ddns.conf"), "127.0.0.1", d2Port, named.dnsPort(),
                    dir.resolve("d2.log"), "INFO");
            ProcessBuilder builder = new ProcessBuilder(D2.toString(), "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("d2.out").toFile());
            builder.environment().put("KEA_LOCKFILE_DIR", dir.toString());
            builder.environment().put("KEA_PIDFILE_DIR", dir.toString());
            Process d2 = builder.start();
            try {
                Lease client = new Lease("192.0.2.40", "52:54:00:00:00:40", "01525400000040", "d2host", null, null,
                        BindingState.ACTIVE, false, new Lease.Origin("f", 1));
                byte[] dhcid = Dhcid.forLease(client, "d2host.ddns.test");
                String ncr = """
                        {"change-type": 0, "forward-change": true, "reverse-change": false,
                         "fqdn": "d2host.ddns.test.", "ip-address": "192.0.2.40", "dhcid": "%s",
                         "lease-expires-on": "20261125200000", "lease-length": 43200, "use-conflict-resolution": true}
                        """.formatted(HexFormat.of().withUpperCase().formatHex(dhcid));
                List<Record> added = List.of();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (added.isEmpty() && System.nanoTime() < deadline && d2.isAlive()) {
                    send(ncr, d2Port); // D2 may not listen yet: send again until the name appears
                    Thread.sleep(300);
                    added = named.query("d2host.ddns.test.", Type.DHCID);
                }
                assertThat(added).as(Files.readString(dir.resolve("d2.log"))).singleElement()
                        .satisfies(r -> assertThat(((DHCIDRecord) r).getData()).isEqualTo(dhcid));

                DdnsZone zone = new DdnsZone(Name.fromString("ddns.test."), List.of(new DnsServer("127.0.0.1", named.dnsPort())));
                DdnsPublisher ours = new DdnsPublisher(new DdnsPublisher.Options(List.of(zone), List.of(), dir.resolve("state.json")),
                        new UpdateSender(TsigKeyFile.read(named.tsigKeyFile()).get(0).signer(), Duration.ofSeconds(3)));
                DdnsPublisher.Result same = ours.publish(List.of(new DdnsHost("d2host.ddns.test", "192.0.2.41", dhcid, 600)));
                assertThat(same.count("replaced")).as(same.toString()).isEqualTo(1);

                byte[] otherClient = Dhcid.rdata(Dhcid.CLIENT_ID, HexFormat.of().parseHex("01525400000099"), "d2host.ddns.test");
                Files.delete(dir.resolve("state.json"));
                DdnsPublisher.Result other = ours.publish(List.of(new DdnsHost("d2host.ddns.test", "192.0.2.99", otherClient, 600)));
                assertThat(other.count("conflict")).as(other.toString()).isEqualTo(1);
            } finally {
                d2.destroy();
                d2.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A NameChangeRequest as Kea sends it over UDP: a two-byte length, then the JSON. */
    static void send(String json, int port) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer datagram = ByteBuffer.allocate(2 + body.length).putShort((short) body.length).put(body);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(datagram.array(), datagram.capacity(), InetAddress.getLoopbackAddress(), port));
        }
    }
}
