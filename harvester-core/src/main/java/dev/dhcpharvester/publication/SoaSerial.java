package dev.dhcpharvester.publication;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Finds and raises the SOA serial of a master zone file in place, leaving every other byte as it
 * was. A serial in date form (YYYYMMDDnn) moves to today's date when that is higher; otherwise
 * it grows by one (RFC 1982 arithmetic, so it wraps correctly past 2^32).
 */
public final class SoaSerial {

    /** The zone text with the serial raised, and the serials before and after. */
    public record Bumped(String text, long from, long to) {
    }

    private SoaSerial() {
    }

    public static Bumped bump(String zone, LocalDate today) {
        int[] span = findSerial(zone);
        if (span == null) {
            throw new IllegalArgumentException("no SOA record with a numeric serial found");
        }
        long from = Long.parseLong(zone.substring(span[0], span[1]));
        if (from > 0xffff_ffffL) {
            throw new IllegalArgumentException("SOA serial " + from + " is larger than 2^32-1");
        }
        long to = next(from, today);
        return new Bumped(zone.substring(0, span[0]) + to + zone.substring(span[1]), from, to);
    }

    static long next(long serial, LocalDate today) {
        long dated = Long.parseLong(today.format(DateTimeFormatter.BASIC_ISO_DATE)) * 100;
        boolean dateForm = serial >= 1_970_010_100L && serial <= 2_999_123_199L;
        if (dateForm && dated > serial) {
            return dated;
        }
        return (serial + 1) & 0xffff_ffffL;
    }

    /** Start and end offsets of the serial of the first SOA record, or null. */
    static int[] findSerial(String zone) {
        int i = 0;
        int n = zone.length();
        boolean afterSoa = false;
        int fieldsAfterSoa = 0;
        while (i < n) {
            char c = zone.charAt(i);
            if (c == ';') {
                while (i < n && zone.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                i++;
                while (i < n && zone.charAt(i) != '"') {
                    i += zone.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                if (afterSoa) {
                    fieldsAfterSoa++;
                }
            } else if (Character.isWhitespace(c) || c == '(' || c == ')') {
                i++;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(zone.charAt(i)) && "();\"".indexOf(zone.charAt(i)) < 0) {
                    i++;
                }
                String word = zone.substring(start, i);
                if (!afterSoa) {
                    afterSoa = word.equalsIgnoreCase("SOA");
                } else if (++fieldsAfterSoa == 3) {
                    return word.chars().allMatch(Character::isDigit) ? new int[] {start, i} : null;
                }
            }
        }
        return null;
    }
}
