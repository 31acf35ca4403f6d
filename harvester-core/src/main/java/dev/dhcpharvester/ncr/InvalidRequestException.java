package dev.dhcpharvester.ncr;

/** A datagram that is not a NameChangeRequest we can carry out; {@link #kind()} groups them for counting and logging. */
public final class InvalidRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What was wrong, as a metric label. */
    public enum Kind {
        BAD_LENGTH("bad-length"), BAD_JSON("bad-json"), BAD_FIELD("bad-field"), BAD_ADDRESS("bad-address"),
        BAD_FQDN("bad-fqdn"), NO_ZONE("no-zone");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Kind kind;

    public InvalidRequestException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
