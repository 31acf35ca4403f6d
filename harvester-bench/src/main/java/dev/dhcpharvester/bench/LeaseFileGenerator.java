package dev.dhcpharvester.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Writes a large, realistic dhcpd 4.4 lease file: {@code leases} lease blocks over
 * {@code addresses} addresses in 10.0.0.0/8, appended in time order over the day before
 * {@code asOf} as dhcpd does, with renewals, every binding state, failover fields, uids,
 * {@code set} and {@code on} statements, and client names of every kind (missing, duplicated,
 * with spaces, with escapes).
 *
 * <p>Usage: {@code LeaseFileGenerator OUT [LEASES [ADDRESSES [SEED [AS_OF]]]]}; the leases start over the
 * day before {@code AS_OF} (default 2026-11-25T12:00:00Z), so that about 170,000 are in force then.
 */
public final class LeaseFileGenerator {

    static final Instant AS_OF = Instant.parse("2026-11-25T12:00:00Z");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private LeaseFileGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LeaseFileGenerator OUT [LEASES [ADDRESSES [SEED [AS_OF]]]]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int leases = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int addresses = args.length > 2 ? Integer.parseInt(args[2]) : 300_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        Instant asOf = args.length > 4 ? Instant.parse(args[4]) : AS_OF;
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.ISO_8859_1), 1 << 20)) {
            write(w, leases, addresses, new Random(seed), asOf);
        }
        System.err.printf("wrote %s: %d leases over %d addresses, %d MB%n", out, leases, addresses,
                Files.size(out) >> 20);
    }

    static void write(Writer w, int leases, int addresses, Random random) throws IOException {
        write(w, leases, addresses, random, AS_OF);
    }

    static void write(Writer w, int leases, int addresses, Random random, Instant asOf) throws IOException {
        w.write("# The format of this file is documented in the dhcpd.leases(5) manual page.\n"
                + "# This lease file was written by isc-dhcp-4.4.3-P1\n\n"
                + "# authoring-byte-order entry is generated, DO NOT DELETE\nauthoring-byte-order little-endian;\n\n"
                + "server-duid \"\\000\\001\\000\\001.\\374\\2123RT\\000\\022\\064V\";\n\n"
                + "failover peer \"dhcp-failover\" state {\n  my state normal at 3 2026/11/24 08:00:01;\n"
                + "  partner state normal at 3 2026/11/24 08:00:02;\n  mclt 3600;\n}\n\n");
        long start = asOf.getEpochSecond() - 86_400;
        StringBuilder b = new StringBuilder(600);
        for (int i = 0; i < leases; i++) {
            // the first pass gives every address a lease; the rest are renewals and re-allocations
            int host = 257 + (i < addresses ? i : random.nextInt(addresses));
            long starts = start + (long) i * 86_400 / leases;
            long ends = starts + 43_200;
            String state = state(random);
            b.setLength(0);
            b.append("lease 10.").append(host >> 16 & 255).append('.').append(host >> 8 & 255).append('.')
                    .append(host & 255).append(" {\n");
            b.append("  starts ").append(time(starts)).append(";\n");
            b.append("  ends ").append(time(ends)).append(";\n");
            b.append("  tstp ").append(time(ends + 3600)).append(";\n");
            b.append("  tsfp ").append(time(ends + 3600)).append(";\n");
            b.append("  atsfp ").append(time(ends + 3600)).append(";\n");
            b.append("  cltt ").append(time(starts)).append(";\n");
            b.append("  binding state ").append(state).append(";\n");
            b.append("  next binding state ").append(state.equals("active") ? "expired" : "free").append(";\n");
            b.append("  rewind binding state free;\n");
            if (!state.equals("backup")) {
                String mac = String.format("52:54:%02x:%02x:%02x:%02x", host >> 24 & 255, host >> 16 & 255,
                        host >> 8 & 255, host & 255);
                b.append("  hardware ethernet ").append(mac).append(";\n");
                b.append("  uid \"\\001RT").append(octal(host >> 16)).append(octal(host >> 8)).append(octal(host))
                        .append("\";\n");
                b.append("  set vendor-class-identifier = \"PXEClient:Arch:00000:UNDI:002001\";\n");
                name(b, host, random);
                if (host % 10 == 0) {
                    b.append("  on expiry {\n    set ddns-fwd-name = \"h").append(host).append(".cord.lab\";\n  }\n");
                }
            }
            if (state.equals("abandoned")) {
                b.append("  abandoned;\n");
            }
            b.append("}\n");
            w.append(b);
        }
    }

    private static String state(Random random) {
        int r = random.nextInt(100);
        if (r < 70) {
            return "active";
        } else if (r < 80) {
            return "free";
        } else if (r < 86) {
            return "expired";
        } else if (r < 92) {
            return "released";
        } else if (r < 95) {
            return "backup";
        } else if (r < 97) {
            return "abandoned";
        }
        return "reset";
    }

    private static void name(StringBuilder b, int host, Random random) {
        int r = host % 50;
        if (r == 0) {
            return; // no name: published as UNK-<MAC>
        }
        b.append("  client-hostname \"");
        if (r == 1) {
            b.append("Jane\\047s iPhone ").append(host);
        } else if (r == 2) {
            b.append("printer"); // many hosts share this name
        } else if (r == 3) {
            b.append("bad\\012name-").append(host);
        } else {
            b.append(random.nextInt(4) == 0 ? "compute-" : "node-").append(host);
        }
        b.append("\";\n");
    }

    private static String octal(int value) {
        return String.format("\\%03o", value & 255);
    }

    private static String time(long epochSecond) {
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
        return t.getDayOfWeek().getValue() % 7 + " " + t.format(TIME); // dhcpd counts days from Sunday = 0
    }
}
