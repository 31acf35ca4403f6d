package dev.dhcpharvester.source;

import java.nio.file.Path;

/** A lease or reservations file that cannot be parsed: says which file, which line, and what was expected. */
public final class LeaseFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Path file;
    private final int line;
    private final String problem;

    /** A problem at a line of the file, or with the file as a whole when {@code line} is 0. */
    public LeaseFileException(Path file, int line, String problem) {
        super(line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The same problem, found in a part of the file that starts at line {@code firstLine}. */
    LeaseFileException inPartFrom(int firstLine) {
        return new LeaseFileException(file, line + firstLine - 1, problem);
    }

    public String file() {
        return file.toString();
    }

    public int line() {
        return line;
    }
}
