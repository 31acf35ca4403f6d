package dev.dhcpharvester.source;

import java.nio.file.Path;

/** A lease or reservations file that cannot be parsed: says which file, which line, and what was expected. */
public final class LeaseFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public LeaseFileException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file.toString();
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
