package dev.dhcpharvester.source;

import java.time.Instant;

/**
 * Lease timestamps as dhcpd writes them: {@code W YYYY/MM/DD HH:MM:SS} in UTC, {@code epoch N}
 * (with {@code db-time-format local}), or {@code never}. Parsed from the scanner's bytes without
 * building strings, since a large lease file has millions of them.
 */
final class LeaseTimes {
    /** Seconds returned for {@code never}. */
    static final long NEVER = Long.MAX_VALUE;

    private static final byte[] NEVER_WORD = {'n', 'e', 'v', 'e', 'r'};
    private static final byte[] EPOCH_WORD = {'e', 'p', 'o', 'c', 'h'};

    private LeaseTimes() {
    }

    /** The time as an instant, null for never. */
    static Instant instant(long seconds) {
        return seconds == NEVER ? null : Instant.ofEpochSecond(seconds);
    }

    /**
     * With the keyword ({@code starts}, {@code ends}...) just read, reads the time and its ';'
     * and returns it in seconds since the epoch, or {@link #NEVER}.
     */
    static long read(ConfTokenizer t, String keyword) throws LeaseFileException {
        long canonical = t.canonicalTime();
        if (canonical != Long.MIN_VALUE) {
            return canonical;
        }
        t.next();
        if (t.isWord(NEVER_WORD)) {
            t.expect(ConfTokenizer.Kind.SEMI, "';' after '", keyword, " never'");
            return NEVER;
        }
        if (t.isWord(EPOCH_WORD)) {
            t.next();
            long seconds = t.kind() == ConfTokenizer.Kind.WORD ? digits(t.wordBuffer(), 0, t.wordLength()) : -1;
            if (seconds < 0) {
                throw t.error("expected seconds after '" + keyword + " epoch' but found " + t.describe());
            }
            t.expect(ConfTokenizer.Kind.SEMI, "';' after '", keyword, "' time");
            return seconds;
        }
        // weekday, date, time
        if (t.kind() != ConfTokenizer.Kind.WORD || t.wordLength() != 1 || digits(t.wordBuffer(), 0, 1) < 0) {
            throw timeError(t, keyword);
        }
        t.next();
        long days = t.kind() == ConfTokenizer.Kind.WORD ? date(t.wordBuffer(), 0, t.wordLength()) : Long.MIN_VALUE;
        if (days == Long.MIN_VALUE) {
            throw timeError(t, keyword);
        }
        t.next();
        long seconds = t.kind() == ConfTokenizer.Kind.WORD ? time(t.wordBuffer(), 0, t.wordLength()) : -1;
        if (seconds < 0) {
            throw timeError(t, keyword);
        }
        t.expect(ConfTokenizer.Kind.SEMI, "';' after '", keyword, "' time");
        return days * 86_400 + seconds;
    }

    private static LeaseFileException timeError(ConfTokenizer t, String keyword) {
        return t.error("expected '" + keyword + " W YYYY/MM/DD HH:MM:SS;', 'epoch N' or 'never' but found " + t.describe());
    }

    private static long digits(byte[] b, int from, int length) {
        if (length == 0 || length > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < from + length; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Days since the epoch of YYYY/MM/DD, or Long.MIN_VALUE when malformed. */
    private static long date(byte[] b, int from, int length) {
        int s1 = indexOf(b, from, length, (byte) '/');
        if (s1 < 0) {
            return Long.MIN_VALUE;
        }
        int s2 = indexOf(b, s1 + 1, from + length - s1 - 1, (byte) '/');
        if (s2 < 0) {
            return Long.MIN_VALUE;
        }
        long year = digits(b, from, s1 - from);
        long month = digits(b, s1 + 1, s2 - s1 - 1);
        long day = digits(b, s2 + 1, from + length - s2 - 1);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || year > 999_999) {
            return Long.MIN_VALUE;
        }
        return daysFromCivil(year, (int) month, (int) day);
    }

    /** Seconds of the day of HH:MM:SS, or -1 when malformed. */
    private static long time(byte[] b, int from, int length) {
        if (length != 8 || b[from + 2] != ':' || b[from + 5] != ':') {
            return -1;
        }
        long h = digits(b, from, 2);
        long m = digits(b, from + 3, 2);
        long s = digits(b, from + 6, 2);
        if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 60) {
            return -1;
        }
        return h * 3600 + m * 60 + s;
    }

    private static int indexOf(byte[] b, int from, int length, byte c) {
        for (int i = from; i < from + length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Howard Hinnant's days_from_civil: proleptic Gregorian date to days since 1970-01-01. */
    static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
