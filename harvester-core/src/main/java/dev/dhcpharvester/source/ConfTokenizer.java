package dev.dhcpharvester.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A small explicit byte scanner for the dhcpd configuration syntax shared by dhcpd.conf and
 * dhcpd.leases: words, quoted strings with dhcpd's escapes, braces, semicolons, commas, '=' and
 * '#' comments. It reads the file in large chunks and creates no object per token, so a
 * 300 MB lease file costs allocation per lease, not per line or token.
 */
final class ConfTokenizer implements Closeable {

    enum Kind { WORD, STRING, LBRACE, RBRACE, SEMI, COMMA, EQUALS, EOF }

    private static final int CHUNK = 1 << 20;

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

    private final Path file;
    private final InputStream in;
    private byte[] buf = new byte[CHUNK];
    private int pos;
    private int limit;
    private boolean eof;
    private int line = 1;

    private Kind kind;
    private int tokenLine;
    private int wordStart;
    private int wordLength;
    private byte[] text = new byte[256];
    private int textLength;

    ConfTokenizer(Path file) throws IOException {
        this.file = file;
        this.in = Files.newInputStream(file);
    }

    Path file() {
        return file;
    }

    /** Line of the current token. */
    int line() {
        return tokenLine;
    }

    Kind kind() {
        return kind;
    }

    /** Advances to the next token and returns its kind. */
    Kind next() throws IOException, LeaseFileException {
        skipBlanksAndComments();
        tokenLine = line;
        if (pos >= limit && !fill(pos)) {
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
            int c = buf[wordStart + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != keyword[i]) {
                return false;
            }
        }
        return true;
    }

    /** The current word or string as text (strings decoded as UTF-8, malformed bytes replaced). */
    String text() {
        return switch (kind) {
            case WORD -> new String(buf, wordStart, wordLength, StandardCharsets.ISO_8859_1);
            case STRING -> new String(text, 0, textLength, StandardCharsets.UTF_8);
            default -> describe();
        };
    }

    /** The raw bytes of the current string token, valid until the next call to {@link #next()}. */
    byte[] stringBuffer() {
        return text;
    }

    int stringLength() {
        return textLength;
    }

    /** The bytes of the current word, valid until the next call to {@link #next()}. */
    byte[] wordBuffer() {
        return buf;
    }

    int wordStart() {
        return wordStart;
    }

    int wordLength() {
        return wordLength;
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
    void expect(Kind expected, String what) throws IOException, LeaseFileException {
        next();
        require(expected, what);
    }

    /**
     * Reads the next token and requires it to be of the given kind; the message, {@code what}
     * followed by {@code subject} and {@code suffix}, is only built when it is needed.
     */
    void expect(Kind expected, String what, String subject, String suffix) throws IOException, LeaseFileException {
        if (next() != expected) {
            throw error("expected " + what + subject + suffix + " but found " + describe());
        }
    }

    /** Whether the current word has this length and first byte (ASCII, case-insensitive). */
    boolean startsLike(int length, char first) {
        return wordLength == length && (buf[wordStart] | 0x20) == first;
    }

    /** Skips the rest of a statement: to its ';' or over its balanced '{ ... }' block. */
    void skipStatement() throws IOException, LeaseFileException {
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
    void skipSimpleStatement(String keyword) throws IOException, LeaseFileException {
        while (true) {
            byte[] b = buf;
            int p = pos;
            int lim = limit;
            while (p < lim) {
                byte c = b[p];
                if (c == ';') {
                    pos = p + 1;
                    kind = Kind.SEMI;
                    return;
                }
                if (c == '\n' || c == '"' || c == '{' || c == '}' || c == '#') {
                    pos = p;
                    throw error("expected ';' ending '" + keyword + "' on the same line");
                }
                p++;
            }
            pos = p;
            if (!fill(pos)) {
                throw error("expected ';' ending '" + keyword + "' before end of file");
            }
        }
    }

    /** With the current token '{', skips to the matching '}'. */
    void skipBlock() throws IOException, LeaseFileException {
        int blockLine = tokenLine;
        int depth = 1;
        while (depth > 0) {
            switch (next()) {
                case LBRACE -> depth++;
                case RBRACE -> depth--;
                case EOF -> throw new LeaseFileException(file, blockLine, "block opened here is not closed by '}'");
                default -> { }
            }
        }
    }

    private void skipBlanksAndComments() throws IOException {
        while (true) {
            byte[] b = buf;
            int p = pos;
            int lim = limit;
            int lines = 0;
            boolean comment = false;
            while (p < lim) {
                byte c = b[p];
                if (c == '\n') {
                    lines++;
                    comment = false;
                } else if (comment || c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                    // blank, or inside a comment
                } else if (c == '#') {
                    comment = true;
                } else {
                    break;
                }
                p++;
            }
            pos = p;
            line += lines;
            if (p < lim) {
                return;
            }
            if (!fill(pos)) {
                return;
            }
            if (comment) {
                skipRestOfComment();
            }
        }
    }

    private void skipRestOfComment() throws IOException {
        while (true) {
            byte[] b = buf;
            int p = pos;
            int lim = limit;
            while (p < lim && b[p] != '\n') {
                p++;
            }
            pos = p;
            if (p < lim || !fill(pos)) {
                return;
            }
        }
    }

    private void readWord() throws IOException {
        int start = pos;
        while (true) {
            byte[] b = buf;
            int p = pos;
            int lim = limit;
            while (p < lim && !ENDS_WORD[b[p] & 0xff]) {
                p++;
            }
            pos = p;
            if (p < lim) {
                break;
            }
            // the word may go on past the buffer: keep it and read more (fill moves it to the front)
            int read = p - start;
            boolean more = fill(start);
            start = pos - read;
            if (!more) {
                break;
            }
        }
        wordStart = start;
        wordLength = pos - start;
    }

    private void readString() throws IOException, LeaseFileException {
        textLength = 0;
        while (true) {
            byte[] b = buf;
            int p = pos;
            int lim = limit;
            int from = p;
            while (p < lim) {
                byte c = b[p];
                if (c == '"' || c == '\\' || c == '\n') {
                    break;
                }
                p++;
            }
            append(b, from, p - from);
            pos = p;
            if (p == lim) {
                if (!fill(pos)) {
                    throw error("quoted string is not closed before end of file");
                }
                continue;
            }
            byte c = b[p];
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

    private void append(byte[] b, int from, int length) {
        if (textLength + length > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, textLength + length));
        }
        System.arraycopy(b, from, text, textLength, length);
        textLength += length;
    }

    private int readEscape() throws IOException, LeaseFileException {
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
                while (digits < 2 && pos < limit || digits < 2 && fill(pos)) {
                    int d = Character.digit(buf[pos], 16);
                    if (d < 0) {
                        break;
                    }
                    value = value * 16 + d;
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
                    for (int digits = 1; digits < 3 && (pos < limit || fill(pos)); digits++) {
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

    private int readByte() throws IOException {
        if (pos >= limit && !fill(pos)) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private void append(byte b) {
        if (textLength == text.length) {
            text = Arrays.copyOf(text, text.length * 2);
        }
        text[textLength++] = b;
    }

    /**
     * Reads more input, keeping the bytes from {@code keepFrom} on; positions shift so that
     * {@code keepFrom} becomes 0. Returns false at end of input.
     */
    private boolean fill(int keepFrom) throws IOException {
        if (eof) {
            return false;
        }
        int kept = limit - keepFrom;
        if (keepFrom > 0) {
            System.arraycopy(buf, keepFrom, buf, 0, kept);
        } else if (kept == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        pos -= keepFrom;
        limit = kept;
        int n = in.readNBytes(buf, limit, buf.length - limit);
        if (n <= 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
