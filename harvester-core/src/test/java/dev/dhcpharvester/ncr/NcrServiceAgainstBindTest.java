package dev.dhcpharvester.ncr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.ncr.InvalidRequestException.Kind;
import dev.dhcpharvester.publication.ddns.DdnsHost;
import dev.dhcpharvester.publication.ddns.DdnsPublisher;
import dev.dhcpharvester.publication.ddns.DdnsPublisher.ConflictMode;
import dev.dhcpharvester.publication.ddns.DdnsZone;
import dev.dhcpharvester.publication.ddns.DnsServer;
import dev.dhcpharvester.publication.ddns.TsigKeyFile;
import dev.dhcpharvester.publication.ddns.UpdateSender;
import dev.dhcpharvester.testing.NamedServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/** The NCR listener against a real named: what Kea's DHCP servers ask for lands in DNS, and garbage does no harm. */
class NcrServiceAgainstBindTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Test
    void aBurstWithGarbageInterleavedLandsEveryValidRequest(@TempDir Path dir) throws Exception {
        assumeTrue(NamedServer.available(), "named is installed by bin/run-tests");
        try (NamedServer named = NamedServer.start(dir); NcrService service = start(named, dir)) {
            int valid = 1000;
            List<byte[]> garbage = List.of(
                    new byte[] {1},                                                     // bad-length
                    datagram("{\"change-type\": 0, \"fqdn\""),                           // bad-json
                    datagram(json(add("nofield", "198.18.9.9")).replace("\"dhcid\"", "\"dhcid-x\"")), // bad-field
                    datagram(json(add("badaddr", "198.18.9.9")).replace("198.18.9.9", "198.18.9.999")), // bad-address
                    datagram(json(add("x", "198.18.9.9")).replace("x.ddns.test.", "a..ddns.test.")),   // bad-fqdn
                    NcrCodec.encodeDatagram(new NameChangeRequest(NameChangeRequest.Type.ADD, true, true, "elsewhere.test.",
                            "198.18.9.9", "0001", Instant.now(), 600, ConflictMode.CHECK_WITH_DHCID)));  // no-zone
            try (DatagramChannel sender = DatagramChannel.open()) {
                for (int i = 0; i < valid; i++) {
                    send(sender, NcrCodec.encodeDatagram(add("host-" + i, address(i))), service);
                    if (i % 10 == 0) {
                        send(sender, garbage.get((i / 10) % garbage.size()), service);
                    }
                    if (i % 100 == 99) {
                        Thread.sleep(5); // about Kea's pace at 20,000 leases a second
                    }
                }
            }
            await(() -> service.statistics().received() == valid + 100 && service.statistics().unsettled() == 0, log);
            Map<String, List<Record>> zone = named.transfer("ddns.test", tsig(named)).stream()
                    .collect(Collectors.groupingBy(r -> r.getName().toString()));
            for (int i = 0; i < valid; i++) {
                String name = "host-" + i + ".ddns.test.";
                byte[] expected = dhcidOf(i);
                assertThat(zone.get(name)).as(name).extracting(r -> r.getType())
                        .containsExactlyInAnyOrder(Type.A, Type.DHCID);
                assertThat(zone.get(name)).filteredOn(r -> r.getType() == Type.DHCID).singleElement()
                        .satisfies(r -> assertThat(((DHCIDRecord) r).getData()).isEqualTo(expected));
            }
            assertThat(named.query("7.9.18.198.in-addr.arpa.", Type.PTR)).singleElement().asString().contains("host-7.ddns.test.");
            NcrStatistics stats = service.statistics();
            for (Kind kind : List.of(Kind.BAD_LENGTH, Kind.BAD_JSON, Kind.BAD_FIELD, Kind.BAD_ADDRESS, Kind.BAD_FQDN, Kind.NO_ZONE)) {
                assertThat(stats.invalid(kind)).as(kind.label()).isBetween(16L, 17L);
            }
            assertThat(stats.errors()).isZero();
            assertThat(stats.updates().sent()).as("names many to an UPDATE").isLessThan(100);
            // each kind of garbage is logged once, not a hundred times
            assertThat(log.toString().lines().filter(l -> l.contains("(bad-json)"))).hasSize(1);
        }
    }

    @Test
    void ipv6RemovalsAndConflictsAsD2(@TempDir Path dir) throws Exception {
        assumeTrue(NamedServer.available(), "named is installed by bin/run-tests");
        try (NamedServer named = NamedServer.start(dir); NcrService service = start(named, dir)) {
            NameChangeRequest six = new NameChangeRequest(NameChangeRequest.Type.ADD, true, true, "six.ddns.test.",
                    "2001:db8:0:0:0:0:0:17", "000201AB", Instant.now(), 900, ConflictMode.CHECK_WITH_DHCID);
            NameChangeRequest taken = add("static", "198.18.9.5"); // a static record without DHCID
            try (DatagramChannel sender = DatagramChannel.open()) {
                send(sender, NcrCodec.encodeDatagram(six), service);
                send(sender, NcrCodec.encodeDatagram(taken), service);
                await(() -> service.statistics().received() == 2 && service.statistics().unsettled() == 0, log);
                assertThat(named.query("six.ddns.test.", Type.AAAA)).singleElement().asString().contains("2001:db8:0:0:0:0:0:17");
                assertThat(named.query("7.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", Type.PTR))
                        .singleElement().asString().contains("six.ddns.test.");
                assertThat(named.addresses("static.ddns.test")).containsExactly("192.0.2.250");
                assertThat(service.statistics().errors()).isEqualTo(1);
                assertThat(log.toString()).contains("conflict static.ddns.test.");

                // a name D2 added before we took over (same client, so same DHCID), then released
                DdnsZone zone = new DdnsZone(Name.fromString("ddns.test."), List.of(new DnsServer("127.0.0.1", named.dnsPort())));
                new DdnsPublisher(new DdnsPublisher.Options(List.of(zone), List.of(), dir.resolve("d2-state.json")),
                        new UpdateSender(tsig(named), Duration.ofSeconds(3)))
                        .publish(List.of(new DdnsHost("old.ddns.test.", "198.18.9.6", dhcid(6), 600)));
                assertThat(named.addresses("old.ddns.test")).containsExactly("198.18.9.6");
                send(sender, NcrCodec.encodeDatagram(request(NameChangeRequest.Type.REMOVE, "old", "198.18.9.6", dhcid(6))), service);
                send(sender, NcrCodec.encodeDatagram(new NameChangeRequest(NameChangeRequest.Type.REMOVE, true, true,
                        six.fqdn(), six.address(), six.dhcid(), six.expiresOn(), 0, six.mode())), service);
                await(() -> service.statistics().received() == 4 && service.statistics().unsettled() == 0, log);
                assertThat(named.addresses("old.ddns.test")).isEmpty();
                assertThat(named.query("old.ddns.test.", Type.DHCID)).isEmpty();
                assertThat(named.query("six.ddns.test.", Type.AAAA)).isEmpty();
                assertThat(named.query("7.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", Type.PTR)).isEmpty();
                assertThat(service.names()).isZero();
            }
        }
    }

    @Test
    void aRestartInTheMiddleOfABurstLosesNothing(@TempDir Path dir) throws Exception {
        assumeTrue(NamedServer.available(), "named is installed by bin/run-tests");
        try (NamedServer named = NamedServer.start(dir)) {
            NcrService first = start(named, dir);
            try (DatagramChannel sender = DatagramChannel.open()) {
                for (int i = 0; i < 400; i++) {
                    send(sender, NcrCodec.encodeDatagram(add("r-" + i, address(i))), first);
                    if (i % 100 == 99) {
                        Thread.sleep(5); // as in the burst above: no loss in a small socket buffer
                    }
                }
                await(() -> first.statistics().received() == 400, log);
            } finally {
                first.close(); // the cycle in flight may have published some, or none
            }
            try (NcrService second = start(named, dir)) {
                await(() -> second.statistics().cycles() > 0 && second.statistics().unsettled() == 0
                        && named.query("r-399.ddns.test.", Type.A).size() == 1, log);
                for (int i = 0; i < 400; i++) {
                    assertThat(named.addresses("r-" + i + ".ddns.test")).as("r-" + i).containsExactly(address(i));
                }
            }
            try (NcrService third = start(named, dir)) {
                await(() -> third.statistics().cycles() > 0, log);
                assertThat(third.statistics().updates().sent()).as("a restart after convergence sends nothing").isZero();
                assertThat(third.names()).isEqualTo(400);
            }
        }
    }

    private NcrService start(NamedServer named, Path dir) throws Exception {
        DnsServer server = new DnsServer("127.0.0.1", named.dnsPort());
        NcrService.Settings settings = new NcrService.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                List.of(new DdnsZone(Name.fromString("ddns.test."), List.of(server))),
                List.of(new DdnsZone(Name.fromString("18.198.in-addr.arpa."), List.of(server)),
                        new DdnsZone(Name.fromString("8.b.d.0.1.0.0.2.ip6.arpa."), List.of(server))),
                tsig(named), Duration.ofSeconds(3), dir.resolve("ncr-state.json"), dir.resolve("ncr-journal"),
                Duration.ofMillis(20), Duration.ofSeconds(1));
        return NcrService.start(settings, new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC());
    }

    static TSIG tsig(NamedServer named) throws Exception {
        return TsigKeyFile.read(named.tsigKeyFile()).get(0).signer();
    }

    static NameChangeRequest add(String label, String address) {
        return request(NameChangeRequest.Type.ADD, label, address, dhcid(address.hashCode()));
    }

    static NameChangeRequest request(NameChangeRequest.Type type, String label, String address, byte[] dhcid) {
        return new NameChangeRequest(type, true, true, label + ".ddns.test.", address, HexFormat.of().formatHex(dhcid),
                Instant.now().plusSeconds(3600), 1200, ConflictMode.CHECK_WITH_DHCID);
    }

    static String address(int i) {
        return "198.18." + (9 + i / 250) + "." + (i % 250);
    }

    static byte[] dhcid(int i) {
        return ("dhcid-" + i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] dhcidOf(int i) {
        return dhcid(address(i).hashCode());
    }

    static String json(NameChangeRequest request) {
        return NcrCodec.encodeJson(request);
    }

    static byte[] datagram(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + body.length).putShort((short) body.length).put(body).array();
    }

    static void send(DatagramChannel sender, byte[] datagram, NcrService service) throws Exception {
        sender.send(ByteBuffer.wrap(datagram), service.address());
    }

    static void await(IoCondition condition, ByteArrayOutputStream log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.test()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached in 30 s; log:\n" + log);
            }
            Thread.sleep(20);
        }
    }

    interface IoCondition {
        boolean test() throws Exception;
    }
}
