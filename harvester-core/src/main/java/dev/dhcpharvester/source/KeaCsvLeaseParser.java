package dev.dhcpharvester.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads Kea's memfile lease4 CSV. Columns are found by the header's names, so the columns later
 * Kea versions add (pool_id) are taken in stride. Kea appends: a later row for an address
 * supersedes an earlier one, and a row with valid lifetime 0 records a deleted lease. Commas
 * inside values are written by Kea as {@code &#x2c}.
 */
public final class KeaCsvLeaseParser {

    private static final List<String> REQUIRED = List.of("address", "hwaddr", "valid_lifetime", "expire");

    private KeaCsvLeaseParser() {
    }

    /**
     * The files that hold the leases of the lease file {@code file}, oldest first, as Kea's own
     * memfile reads them: while the lease file cleanup (kea-lfc) works, the server's history is
     * split over {@code FILE.2} (the previous cleanup's output) and {@code FILE.1} (the copy being
     * cleaned); a finished cleanup not yet moved into place is {@code FILE.completed}, which then
     * replaces both. The current file comes last.
     */
    public static List<Path> filesOf(Path file) {
        Path completed = Path.of(file + ".completed");
        List<Path> files = new java.util.ArrayList<>();
        if (Files.exists(completed)) {
            files.add(completed);
        } else {
            for (String suffix : List.of(".2", ".1")) {
                Path part = Path.of(file + suffix);
                if (Files.exists(part)) {
                    files.add(part);
                }
            }
        }
        files.add(file);
        return List.copyOf(files);
    }

    /** Reads {@code file} and its cleanup's files (see {@link #filesOf}) in order; returns how many rows. */
    public static int parseWithCleanupFiles(Path file, Consumer<Lease> sink) throws IOException, LeaseFileException {
        int count = 0;
        for (Path part : filesOf(file)) {
            count += parse(part, sink);
        }
        return count;
    }

    /** Reads {@code file}, passing each row as a lease to {@code sink} in file order; returns how many. */
    public static int parse(Path file, Consumer<Lease> sink) throws IOException, LeaseFileException {
        String fileName = file.toString();
        int count = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.startsWith("address,")) {
                throw new LeaseFileException(file, 1, "expected Kea's lease4 CSV header starting with 'address,'");
            }
            List<String> names = Arrays.asList(header.strip().split(",", -1));
            Map<String, Integer> column = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                column.put(names.get(i), i);
            }
            for (String required : REQUIRED) {
                if (!column.containsKey(required)) {
                    throw new LeaseFileException(file, 1, "the header has no '" + required + "' column");
                }
            }
            String row;
            int line = 1;
            while ((row = in.readLine()) != null) {
                line++;
                if (row.isBlank()) {
                    continue;
                }
                String[] values = row.split(",", -1);
                if (values.length != names.size()) {
                    throw new LeaseFileException(file, line, "expected " + names.size() + " columns as in the header but found "
                            + values.length + " (a truncated or changed row)");
                }
                sink.accept(lease(file, fileName, line, values, column));
                count++;
            }
        }
        return count;
    }

    private static Lease lease(Path file, String fileName, int line, String[] values, Map<String, Integer> column)
            throws LeaseFileException {
        String address = values[column.get("address")];
        if (Ipv4.parse(address) < 0) {
            throw new LeaseFileException(file, line, "expected an IPv4 address in column 'address' but found '" + address + "'");
        }
        long valid = number(file, line, values, column, "valid_lifetime");
        long expire = number(file, line, values, column, "expire");
        String hw = values[column.get("hwaddr")];
        String mac = hw.isEmpty() ? "" : IscLeaseParser.normalizeMac(hw);
        if (mac == null) {
            throw new LeaseFileException(file, line, "expected a hardware address in column 'hwaddr' but found '" + hw + "'");
        }
        String clientId = "";
        if (column.containsKey("client_id") && !values[column.get("client_id")].isEmpty()) {
            String id = IscLeaseParser.normalizeMac(values[column.get("client_id")]);
            clientId = id == null ? "" : id.replace(":", "");
        }
        String hostname = column.containsKey("hostname") ? unescape(values[column.get("hostname")]) : "";
        BindingState state = BindingState.ACTIVE;
        if (column.containsKey("state") && !values[column.get("state")].isEmpty()) {
            state = switch ((int) number(file, line, values, column, "state")) {
                case 0 -> BindingState.ACTIVE;
                case 1 -> BindingState.ABANDONED; // declined: the address is in use by someone else
                case 2 -> BindingState.EXPIRED; // expired-reclaimed
                case 3 -> BindingState.RELEASED;
                default -> BindingState.UNSPECIFIED;
            };
        }
        Instant ends = Instant.ofEpochSecond(expire);
        return new Lease(address, mac, clientId, hostname, ends.minusSeconds(valid), ends, state,
                state == BindingState.ABANDONED, new Lease.Origin(fileName, line));
    }

    private static long number(Path file, int line, String[] values, Map<String, Integer> column, String name)
            throws LeaseFileException {
        String text = values[column.get(name)];
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new LeaseFileException(file, line, "expected a number in column '" + name + "' but found '" + text + "'");
        }
    }

    static String unescape(String value) {
        return value.replace("&#x2c", ",");
    }
}
