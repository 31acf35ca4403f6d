package dev.dhcpharvester.publication;

/** DNS could not be brought up to date: a file that cannot be written, a reload that failed, a refused change. */
public final class PublicationException extends Exception {
    private static final long serialVersionUID = 1L;

    public PublicationException(String message) {
        super(message);
    }

    public PublicationException(String message, Throwable cause) {
        super(message, cause);
    }
}
