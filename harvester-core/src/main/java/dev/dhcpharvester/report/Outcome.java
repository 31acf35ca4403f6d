package dev.dhcpharvester.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a harvest did with one candidate host. */
public enum Outcome {
    /** In DNS under the name the client asked for. */
    PUBLISHED,
    /** In DNS under another name: the client's name was repaired, absent, or held by another address. */
    RENAMED,
    /** Left out: did not answer verification. */
    UNREACHABLE,
    /** Left out by --include, --filter or --exclude. */
    FILTERED,
    /** Left out: its name cannot be made a valid DNS label safely. */
    REJECTED,
    /** Left out: another host already holds the same final name. */
    DUPLICATE,
    /** In DNS as the last harvest published it: its lease source could not be read this time. */
    KEPT;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean published() {
        return this == PUBLISHED || this == RENAMED || this == KEPT;
    }
}
