package dev.dhcpharvester.publication.ddns;

import java.util.concurrent.atomic.AtomicLong;

/**
 * D2's update statistics, kept across cycles and read from any thread: messages sent (signed or
 * not), conversations that got an answer (whatever its rcode, as D2 counts them), that timed out,
 * and that failed otherwise (connection refused, a malformed or badly signed answer).
 */
public final class UpdateStatistics {

    final AtomicLong sent = new AtomicLong();
    final AtomicLong signed = new AtomicLong();
    final AtomicLong unsigned = new AtomicLong();
    final AtomicLong success = new AtomicLong();
    final AtomicLong timeout = new AtomicLong();
    final AtomicLong error = new AtomicLong();

    public long sent() {
        return sent.get();
    }

    public long signed() {
        return signed.get();
    }

    public long unsigned() {
        return unsigned.get();
    }

    public long success() {
        return success.get();
    }

    public long timeout() {
        return timeout.get();
    }

    public long error() {
        return error.get();
    }
}
