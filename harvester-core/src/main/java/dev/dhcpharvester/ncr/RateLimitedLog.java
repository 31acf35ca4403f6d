package dev.dhcpharvester.ncr;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One line per kind of trouble per interval: a sender that floods us with garbage fills no disk.
 * The first of a kind is logged at once; the next after the interval says how many it stood for.
 */
final class RateLimitedLog {

    private record Seen(Instant last, long suppressed) {
    }

    private final PrintStream out;
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Seen> seen = new HashMap<>();

    RateLimitedLog(PrintStream out, Clock clock, Duration interval) {
        this.out = out;
        this.clock = clock;
        this.interval = interval;
    }

    synchronized void log(String kind, String message) {
        Instant now = clock.instant();
        Seen before = seen.get(kind);
        if (before != null && Duration.between(before.last(), now).compareTo(interval) < 0) {
            seen.put(kind, new Seen(before.last(), before.suppressed() + 1));
            return;
        }
        long suppressed = before == null ? 0 : before.suppressed();
        out.println(now + " " + message + (suppressed == 0 ? "" : " (and " + suppressed + " more " + kind
                + " in the last " + Duration.between(before.last(), now).toSeconds() + " s)"));
        seen.put(kind, new Seen(now, 0));
    }
}
