package dev.dhcpharvester.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Large Kea memfile CSV and dnsmasq lease files for the source benchmarks: {@code rows} rows over
 * {@code addresses} addresses in 10.0.0.0/8 (Kea: appended renewals and deletions, the four
 * states; dnsmasq: one line per lease, as dnsmasq rewrites its file), times around
 * 2026-11-25T12:00:00Z.
 *
 * <p>Usage: {@code OtherFormatGenerator kea-csv|dnsmasq OUT [ROWS [ADDRESSES]]}
 */
public final class OtherFormatGenerator {

    static final long NOON = 1_795_608_000L;

    private OtherFormatGenerator() {
    }

    public static void main(String[] args) throws IOException {
        String format = args[0];
        Path out = Path.of(args[1]);
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int addresses = args.length > 3 ? Integer.parseInt(args[3]) : 300_000;
        Random random = new Random(1);
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 20)) {
            if (format.equals("kea-csv")) {
                w.write("address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context\n");
            }
            StringBuilder b = new StringBuilder(160);
            for (int i = 0; i < rows; i++) {
                int host = 257 + (format.equals("dnsmasq") ? i : i < addresses ? i : random.nextInt(addresses));
                String address = "10." + (host >> 16 & 255) + "." + (host >> 8 & 255) + "." + (host & 255);
                String mac = String.format("52:54:%02x:%02x:%02x:%02x", host >> 24 & 255, host >> 16 & 255, host >> 8 & 255, host & 255);
                String name = host % 50 == 0 ? "" : host % 7 == 0 ? "node-" + host + ".cord.lab." : "node-" + host;
                long expire = NOON - 43_200 + (long) i * 86_400 / rows;
                b.setLength(0);
                if (format.equals("kea-csv")) {
                    int r = random.nextInt(100);
                    int state = r < 85 ? 0 : r < 90 ? 1 : r < 97 ? 2 : 3;
                    long valid = r == 99 ? 0 : 43_200;
                    b.append(address).append(',').append(mac).append(",01:").append(mac).append(',').append(valid).append(',')
                            .append(expire).append(",1,0,0,").append(name).append(',').append(state).append(",\n");
                } else {
                    b.append(expire).append(' ').append(mac).append(' ').append(address).append(' ')
                            .append(name.isEmpty() ? "*" : name).append(" 01:").append(mac).append('\n');
                }
                w.append(b);
            }
        }
        System.err.printf("wrote %s: %d %s rows, %d MB%n", out, rows, format, Files.size(out) >> 20);
    }
}
