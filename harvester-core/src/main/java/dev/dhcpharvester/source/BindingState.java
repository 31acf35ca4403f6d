package dev.dhcpharvester.source;

import java.util.Locale;

/** The binding states dhcpd writes (dhcpd.leases(5)); {@link #UNSPECIFIED} when a lease names none. */
public enum BindingState {
    FREE, ACTIVE, EXPIRED, RELEASED, ABANDONED, RESET, BACKUP, UNSPECIFIED;

    /** Parses a state as written in a lease file, or returns null when it is not one. */
    public static BindingState parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "free" -> FREE;
            case "active" -> ACTIVE;
            case "expired" -> EXPIRED;
            case "released" -> RELEASED;
            case "abandoned" -> ABANDONED;
            case "reset" -> RESET;
            case "backup" -> BACKUP;
            default -> null;
        };
    }

    private final byte[] keyword = name().toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The state as written in a lease file; internal, not to be modified. */
    byte[] keyword() {
        return keyword;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
