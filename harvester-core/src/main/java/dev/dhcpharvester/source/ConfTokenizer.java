package dev.dhcpharvester.source;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A small explicit byte scanner for the dhcpd configuration syntax shared by dhcpd.conf and
 * dhcpd.leases: words, quoted strings with dhcpd's escapes, braces, semicolons, commas, '=' and
 * '#' comments. It scans bytes in an array (a chunk of a memory-mapped file: arrays scan faster
 * than mapped buffers) and creates no object per token, so a 300 MB lease file costs allocation
 * per lease kept, not per line or token.
 */
final class ConfTokenizer {

    enum Kind { WORD, STRING, LBRACE, RBRACE, SEMI, COMMA, EQUALS, EOF }

    /** Bytes that end a word: blanks, control characters and the syntax characters. */
    private static final boolean[] ENDS_WORD = new boolean[256];

    static {
        for (int c = 0; c <= ' '; c++) {
            ENDS_WORD[c] = true;
        }
        for (char c : "{};,=\"#".toCharArray()) {
            ENDS_WORD[c] = true;
        }
    }

    /** Bytes that end or break a simple statement's skip: ';', line break, quote, braces, comment. */
    private static final boolean[] STOPS_SIMPLE = new boolean[256];

    static {
        for (char c : ";\n\"{}#".toCharArray()) {
            STOPS_SIMPLE[c] = true;
        }
    }

    private final Path file;
    private byte[] buf;
    private int limit;
    private int pos;
    private int line = 1;

    private Kind kind;
    private int tokenLine;
    private byte[] word = new byte[64];
    private int wordLength;
    private byte[] text = new byte[256];
    private int textLength;

    /** Scans {@code bytes[from, to)}, whose first byte is on line {@code firstLine} of the file. */
    ConfTokenizer(Path file, byte[] bytes, int from, int to, int firstLine) {
        this.file = file;
        this.buf = bytes;
        this.pos = from;
        this.limit = to;
        this.line = firstLine;
    }

    /** Scans other bytes, as a new tokenizer would, keeping this one's buffers. */
    void rescan(byte[] bytes, int from, int to, int firstLine) {
        buf = bytes;
        pos = from;
        limit = to;
        line = firstLine;
        kind = null;
    }

    /** Where the scan is: the offset in the bytes of what comes next. */
    int position() {
        return pos;
    }

    /** Whether the scan reached the end of its bytes. */
    boolean atEnd() {
        return pos >= limit;
    }

    Path file() {
        return file;
    }

    /** Line of the current token. */
    int line() {
        return tokenLine;
    }

    /** Lines scanned so far: 1 plus the line breaks passed. */
    int linesScanned() {
        return line;
    }

    Kind kind() {
        return kind;
    }

    /** Advances to the next token and returns its kind. */
    Kind next() throws LeaseFileException {
        skipBlanksAndComments();
        tokenLine = line;
        if (pos >= limit) {
            return kind = Kind.EOF;
        }
        byte b = buf[pos];
        switch (b) {
            case '{': pos++; return kind = Kind.LBRACE;
            case '}': pos++; return kind = Kind.RBRACE;
            case ';': pos++; return kind = Kind.SEMI;
            case ',': pos++; return kind = Kind.COMMA;
            case '=': pos++; return kind = Kind.EQUALS;
            case '"': pos++; readString(); return kind = Kind.STRING;
            default: readWord(); return kind = Kind.WORD;
        }
    }

    /** Whether the current token is the word {@code keyword} (ASCII, case-insensitive). */
    boolean isWord(byte[] keyword) {
        if (kind != Kind.WORD || wordLength != keyword.length) {
            return false;
        }
        for (int i = 0; i < wordLength; i++) {
            int c = word[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != keyword[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The index in {@code keywords} (lower case) of the current word, or -1. {@code byFirst} indexes
     * the keywords by first letter ({@link #indexByFirstLetter}), so a word is compared with few.
     */
    int keywordIndex(byte[][] keywords, int[][] byFirst) {
        if (kind != Kind.WORD || wordLength == 0) {
            return -1;
        }
        for (int k : byFirst[(word[0] | 0x20) & 0xff]) {
            if (isWord(keywords[k])) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The fast path for dhcpd's own layout, one statement per line indented by two blanks: when the
     * next bytes are a line break, that indent and one of {@code keywords} (as dhcpd writes it, lower
     * case) followed by a blank or ';', consumes them and returns the keyword's index, the keyword's
     * line being the token line; otherwise consumes nothing and returns -1, leaving the statement to
     * {@link #next()} and {@link #keywordIndex}. Unlike {@code next()}, it does not make the keyword
     * the current token: the caller reads the rest of the statement.
     */
    int indentedKeyword(byte[][] keywords, int[][] byFirst) {
        int p = pos;
        if (p + 4 > limit || buf[p] != '\n' || buf[p + 1] != ' ' || buf[p + 2] != ' ') {
            return -1;
        }
        int start = p + 3;
        for (int k : byFirst[buf[start] & 0xff]) {
            byte[] keyword = keywords[k];
            int end = start + keyword.length;
            // the first byte chose the candidate
            if (end < limit && (buf[end] == ' ' || buf[end] == ';') && sameBytes(start, keyword, 1)) {
                pos = end;
                line++;
                tokenLine = line;
                return k;
            }
        }
        return -1;
    }

    /**
     * Fast path: when the next bytes are {@code literal}, one of {@code words} and ';' (as in
     * {@code " state active;"}), consumes them and returns the word's index; else consumes nothing
     * and returns -1.
     */
    int wordAfter(byte[] literal, byte[][] words) {
        int p = pos + literal.length;
        if (p >= limit || !sameBytes(pos, literal, 0)) {
            return -1;
        }
        for (int k = 0; k < words.length; k++) {
            byte[] word = words[k];
            int end = p + word.length;
            if (end < limit && buf[end] == ';' && sameBytes(p, word, 0)) {
                pos = end + 1;
                kind = Kind.SEMI;
                return k;
            }
        }
        return -1;
    }

    /**
     * Fast path: when the next bytes are {@code literal}, a MAC address as dhcpd writes it (six
     * two-digit hex octets) and ';', consumes them, writes the address in lower case to {@code out}
     * and returns its length; else consumes nothing and returns -1.
     */
    int canonicalMacAfter(byte[] literal, byte[] out) {
        int p = pos + literal.length;
        if (p + 18 > limit || buf[p + 17] != ';' || !sameBytes(pos, literal, 0)) {
            return -1;
        }
        for (int i = 0; i < 17; i++) {
            int c = buf[p + i];
            if (i % 3 == 2) {
                if (c != ':') {
                    return -1;
                }
            } else if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
                out[i] = (byte) c;
            } else if (c >= 'A' && c <= 'F') {
                out[i] = (byte) (c + ('a' - 'A'));
            } else {
                return -1;
            }
            if (i % 3 == 2) {
                out[i] = ':';
            }
        }
        pos = p + 18;
        kind = Kind.SEMI;
        return 17;
    }

    /** Fast path: when the next bytes are a blank and a quote, reads the string as {@link #next()} would. */
    boolean stringAfterBlank() throws LeaseFileException {
        if (pos + 2 > limit || buf[pos] != ' ' || buf[pos + 1] != '"') {
            return false;
        }
        pos += 2;
        tokenLine = line;
        readString();
        kind = Kind.STRING;
        return true;
    }

    /** Fast path: consumes a ';' right at the position, if there is one. */
    boolean semicolon() {
        if (pos < limit && buf[pos] == ';') {
            pos++;
            kind = Kind.SEMI;
            return true;
        }
        return false;
    }

    private boolean sameBytes(int at, byte[] literal, int from) {
        for (int i = from; i < literal.length; i++) {
            if (buf[at + i] != literal[i]) {
                return false;
            }
        }
        return true;
    }


    /** For {@link #keywordIndex} and {@link #indentedKeyword}: keyword indexes by first letter, both cases. */
    static int[][] indexByFirstLetter(byte[][] keywords) {
        int[][] byFirst = new int[256][];
        for (int c = 0; c < 256; c++) {
            int[] matching = new int[keywords.length];
            int n = 0;
            for (int k = 0; k < keywords.length; k++) {
                if ((keywords[k][0] | 0x20) == (c | 0x20) && Character.isLetter(c)) {
                    matching[n++] = k;
                }
            }
            byFirst[c] = Arrays.copyOf(matching, n);
        }
        return byFirst;
    }

    /** The current word or string as text (strings decoded as UTF-8, malformed bytes replaced). */
    String text() {
        return switch (kind) {
            case WORD -> new String(word, 0, wordLength, StandardCharsets.ISO_8859_1);
            case STRING -> new String(text, 0, textLength, StandardCharsets.UTF_8);
            default -> describe();
        };
    }

    /** The bytes of the current word, valid until the next call to {@link #next()}. */
    byte[] wordBuffer() {
        return word;
    }

    int wordLength() {
        return wordLength;
    }

    /** The raw bytes of the current string token, valid until the next call to {@link #next()}. */
    byte[] stringBuffer() {
        return text;
    }

    int stringLength() {
        return textLength;
    }

    /** How the current token reads in an error message. */
    String describe() {
        return switch (kind) {
            case WORD -> "'" + text() + "'";
            case STRING -> "a quoted string";
            case LBRACE -> "'{'";
            case RBRACE -> "'}'";
            case SEMI -> "';'";
            case COMMA -> "','";
            case EQUALS -> "'='";
            case EOF -> "end of file";
        };
    }

    LeaseFileException error(String problem) {
        return new LeaseFileException(file, tokenLine, problem);
    }

    /** Requires the current token to be of the given kind. */
    void require(Kind expected, String what) throws LeaseFileException {
        if (kind != expected) {
            throw error("expected " + what + " but found " + describe());
        }
    }

    /** Reads the next token and requires it to be of the given kind. */
    void expect(Kind expected, String what) throws LeaseFileException {
        next();
        require(expected, what);
    }

    /**
     * Reads the next token and requires it to be of the given kind; the message, {@code what}
     * followed by {@code subject} and {@code suffix}, is only built when it is needed.
     */
    void expect(Kind expected, String what, String subject, String suffix) throws LeaseFileException {
        if (next() != expected) {
            throw error("expected " + what + subject + suffix + " but found " + describe());
        }
    }

    /** Skips the rest of a statement: to its ';' or over its balanced '{ ... }' block. */
    void skipStatement() throws LeaseFileException {
        int statementLine = tokenLine;
        while (true) {
            switch (kind) {
                case SEMI:
                    return;
                case LBRACE:
                    skipBlock();
                    return;
                case RBRACE:
                    throw error("unexpected '}' (statement from line " + statementLine + " not ended by ';')");
                case EOF:
                    throw new LeaseFileException(file, statementLine, "statement not ended by ';' before end of file");
                default:
                    next();
            }
        }
    }

    /**
     * With the current token a keyword whose value a harvest does not use (such as {@code tstp}),
     * skips to the ';' that ends it on the same line, without reading the value's tokens. The
     * statement must be simple: no quotes, braces or line break before its ';'.
     */
    void skipSimpleStatement(String keyword) throws LeaseFileException {
        int p = pos;
        while (p < limit && !STOPS_SIMPLE[buf[p] & 0xff]) {
            p++;
        }
        if (p < limit && buf[p] == ';') {
            pos = p + 1;
            kind = Kind.SEMI;
            return;
        }
        pos = p;
        throw error(p < limit ? "expected ';' ending '" + keyword + "' on the same line"
                : "expected ';' ending '" + keyword + "' before end of file");
    }

    /**
     * Skips a statement whose value a harvest does not use ({@code set}, {@code option}) to its
     * ';' without reading tokens, stepping over quoted strings (which may hold ';'). The
     * statement must end on its line and hold no braces.
     */
    void skipValueStatement(String keyword) throws LeaseFileException {
        int p = pos;
        boolean quoted = false;
        while (p < limit) {
            byte c = buf[p];
            if (c == '\n') {
                break;
            }
            if (quoted) {
                if (c == '\\') {
                    p++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ';') {
                pos = p + 1;
                kind = Kind.SEMI;
                return;
            } else if (c == '{' || c == '}' || c == '#') {
                break;
            }
            p++;
        }
        pos = Math.min(p, limit);
        throw error(quoted ? "quoted string in '" + keyword + "' is not closed on its line"
                : "expected ';' ending '" + keyword + "' on the same line");
    }

    /**
     * With the current token a time keyword, reads the rest of the statement when it is exactly
     * as dhcpd writes it, {@code " W YYYY/MM/DD HH:MM:SS;"}, and returns the time in seconds
     * since the epoch; otherwise returns {@link Long#MIN_VALUE} and reads nothing, so that the
     * caller reads it token by token (other spacing, {@code epoch}, {@code never}, or an error).
     */
    long canonicalTime() {
        if (!canonicalTimeLayout()) {
            return Long.MIN_VALUE;
        }
        int p = pos;
        int year = (buf[p + 3] - '0') * 1000 + (buf[p + 4] - '0') * 100 + (buf[p + 5] - '0') * 10 + buf[p + 6] - '0';
        int month = (buf[p + 8] - '0') * 10 + buf[p + 9] - '0';
        int day = (buf[p + 11] - '0') * 10 + buf[p + 12] - '0';
        int hour = (buf[p + 14] - '0') * 10 + buf[p + 15] - '0';
        int minute = (buf[p + 17] - '0') * 10 + buf[p + 18] - '0';
        int second = (buf[p + 20] - '0') * 10 + buf[p + 21] - '0';
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
            return Long.MIN_VALUE;
        }
        pos = p + 23;
        kind = Kind.SEMI;
        return LeaseTimes.daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    }

    /**
     * For a time a harvest does not use ({@code tstp}, {@code cltt}...): skips the rest of the
     * statement when it is laid out as dhcpd writes it, as {@link #canonicalTime} would read it;
     * otherwise reads nothing and returns false.
     */
    boolean skipCanonicalTime() {
        if (!canonicalTimeLayout()) {
            return false;
        }
        pos += 23;
        kind = Kind.SEMI;
        return true;
    }

    /** Whether the bytes at the position read {@code " W YYYY/MM/DD HH:MM:SS;"}, W a weekday 0 to 6. */
    private boolean canonicalTimeLayout() {
        int p = pos;
        byte[] b = buf;
        return p + 23 <= limit && b[p] == ' ' && b[p + 1] >= '0' && b[p + 1] <= '6' && b[p + 2] == ' '
                && digit(b[p + 3]) && digit(b[p + 4]) && digit(b[p + 5]) && digit(b[p + 6]) && b[p + 7] == '/'
                && digit(b[p + 8]) && digit(b[p + 9]) && b[p + 10] == '/' && digit(b[p + 11]) && digit(b[p + 12])
                && b[p + 13] == ' ' && digit(b[p + 14]) && digit(b[p + 15]) && b[p + 16] == ':' && digit(b[p + 17])
                && digit(b[p + 18]) && b[p + 19] == ':' && digit(b[p + 20]) && digit(b[p + 21]) && b[p + 22] == ';';
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /**
     * With the current token '{', skips to the matching '}', which becomes the current token. A
     * scan of the bytes, stepping over quoted strings and comments as {@link #next()} reads them:
     * blocks a harvest does not read ({@code on expiry { ... }}) cost no tokens.
     */
    void skipBlock() throws LeaseFileException {
        int blockLine = tokenLine;
        int depth = 1;
        int p = pos;
        int lines = line;
        while (p < limit) {
            byte c = buf[p++];
            if (c == '\n') {
                lines++;
            } else if (c == '}') {
                if (--depth == 0) {
                    pos = p;
                    line = lines;
                    tokenLine = lines;
                    kind = Kind.RBRACE;
                    return;
                }
            } else if (c == '{') {
                depth++;
            } else if (c == '#') {
                while (p < limit && buf[p] != '\n') {
                    p++;
                }
            } else if (c == '"') {
                int stringLine = lines;
                while (p < limit && buf[p] != '"') {
                    if (buf[p] == '\\' && p + 1 < limit) {
                        p++; // the escaped byte, which may be a quote or a line break
                        if (buf[p] == 'x' && (p + 1 == limit || Hex.value(buf[p + 1]) < 0)) {
                            pos = p + 1;
                            line = lines;
                            throw new LeaseFileException(file, stringLine, "'\\x' escape without hex digits in quoted string");
                        }
                    }
                    if (buf[p] == '\n') {
                        lines++;
                    }
                    p++;
                }
                if (p >= limit) {
                    pos = p;
                    line = lines;
                    throw new LeaseFileException(file, stringLine, "quoted string is not closed before end of file");
                }
                p++;
            }
        }
        pos = p;
        line = lines;
        throw new LeaseFileException(file, blockLine, "block opened here is not closed by '}'");
    }

    private void skipBlanksAndComments() {
        int p = pos;
        int lines = 0;
        boolean comment = false;
        while (p < limit) {
            byte c = buf[p];
            if (c == '\n') {
                lines++;
                comment = false;
            } else if (!comment && c != ' ' && c != '\t' && c != '\r' && c != '\f') {
                if (c != '#') {
                    break;
                }
                comment = true;
            }
            p++;
        }
        pos = p;
        line += lines;
    }

    private void readWord() {
        int start = pos;
        int p = start;
        while (p < limit && !ENDS_WORD[buf[p] & 0xff]) {
            p++;
        }
        int length = p - start;
        if (length > word.length) {
            word = new byte[Math.max(length, word.length * 2)];
        }
        System.arraycopy(buf, start, word, 0, length);
        wordLength = length;
        pos = p;
    }

    private void readString() throws LeaseFileException {
        textLength = 0;
        while (true) {
            int p = pos;
            int from = p;
            while (p < limit) {
                byte c = buf[p];
                if (c == '"' || c == '\\' || c == '\n') {
                    break;
                }
                p++;
            }
            append(from, p - from);
            if (p == limit) {
                pos = p;
                throw error("quoted string is not closed before end of file");
            }
            byte c = buf[p];
            pos = p + 1;
            if (c == '"') {
                return;
            }
            if (c == '\n') {
                line++;
                append((byte) '\n');
            } else {
                append((byte) readEscape());
            }
        }
    }

    private int readEscape() throws LeaseFileException {
        int b = readByte();
        switch (b) {
            case -1: throw error("quoted string is not closed before end of file");
            case 't': return '\t';
            case 'r': return '\r';
            case 'n': return '\n';
            case 'b': return '\b';
            case 'x': {
                int value = 0;
                int digits = 0;
                while (digits < 2 && pos < limit && Hex.value(buf[pos]) >= 0) {
                    value = value * 16 + Hex.value(buf[pos]);
                    pos++;
                    digits++;
                }
                if (digits == 0) {
                    throw error("'\\x' escape without hex digits in quoted string");
                }
                return value;
            }
            default:
                if (b >= '0' && b <= '7') {
                    int value = b - '0';
                    for (int digits = 1; digits < 3 && pos < limit; digits++) {
                        int d = buf[pos] - '0';
                        if (d < 0 || d > 7) {
                            break;
                        }
                        value = value * 8 + d;
                        pos++;
                    }
                    return value & 0xff;
                }
                if (b == '\n') {
                    line++;
                }
                return b;
        }
    }

    private int readByte() {
        return pos < limit ? buf[pos++] & 0xff : -1;
    }

    private void append(byte b) {
        if (textLength == text.length) {
            text = Arrays.copyOf(text, text.length * 2);
        }
        text[textLength++] = b;
    }

    private void append(int from, int length) {
        if (textLength + length > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, textLength + length));
        }
        System.arraycopy(buf, from, text, textLength, length);
        textLength += length;
    }
}
