package dev.dhcpharvester.naming;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a name a DHCP client chose into a DNS label (RFC 952/1123: letters, digits and hyphen,
 * 1 to 63 characters, no hyphen first or last), or refuses to.
 *
 * <p>Client input is hostile: nothing outside the label alphabet ever passes. Only repairs
 * that keep the client's evident intent are made: trimming blanks and a trailing dot, keeping the
 * first label of a qualified name, turning spaces and underscores into hyphens, dropping
 * apostrophes and accents, and trimming hyphens at the ends. A name with control characters,
 * zone-file syntax or any other character, or that is empty or longer than 63 characters once
 * repaired, is rejected rather than guessed at.
 */
public final class HostnameSanitizer {

    public static final int MAX_LABEL = 63;

    private HostnameSanitizer() {
    }

    public static boolean isValidLabel(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_LABEL || s.charAt(0) == '-' || s.charAt(n - 1) == '-') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!isLabelChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A table, not comparisons: small enough for the quick compiler to inline, and it runs for
     * every character of 500,000 names.
     */
    static boolean isLabelChar(char c) {
        return c < LABEL_CHARS.length && LABEL_CHARS[c];
    }

    private static final boolean[] LABEL_CHARS = new boolean[128];

    static {
        for (char c = 0; c < LABEL_CHARS.length; c++) {
            LABEL_CHARS[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-';
        }
    }

    public static LabelCheck check(String raw) {
        if (isValidLabel(raw)) {
            return new LabelCheck.Valid(raw);
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
                return new LabelCheck.Rejected("contains control character " + String.format("\\x%02x", (int) c));
            }
        }
        List<String> repairs = new ArrayList<>();
        String s = raw.strip();
        if (s.length() != raw.length()) {
            repairs.add("trimmed blanks");
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
            repairs.add("removed trailing dot");
        }
        int dot = s.indexOf('.');
        if (dot >= 0) {
            s = s.substring(0, dot);
            repairs.add("kept the first label of a qualified name");
        }
        String plain = withoutAccents(s);
        if (!plain.equals(s)) {
            repairs.add("removed accents");
            s = plain;
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean blanks = false;
        boolean apostrophes = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isLabelChar(c)) {
                out.append(c);
            } else if (c == ' ' || c == '_') {
                out.append('-');
                blanks = true;
            } else if (c == '\'' || c == '\u2019') {
                apostrophes = true;
            } else {
                return new LabelCheck.Rejected("contains " + describe(c) + ", which cannot appear in a DNS label");
            }
        }
        if (blanks) {
            repairs.add("replaced spaces or underscores by hyphens");
        }
        if (apostrophes) {
            repairs.add("removed apostrophes");
        }
        int start = 0;
        int end = out.length();
        while (start < end && out.charAt(start) == '-') {
            start++;
        }
        while (end > start && out.charAt(end - 1) == '-') {
            end--;
        }
        if (start > 0 || end < out.length()) {
            repairs.add("trimmed hyphens at the ends");
        }
        String label = out.substring(start, end);
        if (label.isEmpty()) {
            return new LabelCheck.Rejected("no letters or digits left once repaired");
        }
        if (label.length() > MAX_LABEL) {
            return new LabelCheck.Rejected("longer than " + MAX_LABEL + " characters (" + label.length() + ")");
        }
        return new LabelCheck.Repaired(label, String.join(", ", repairs));
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** The text without combining marks once decomposed (é becomes e); ASCII text as it is. */
    private static String withoutAccents(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
            }
        }
        return s;
    }

    private static String describe(char c) {
        if (c >= 0x21 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }
}
