package dev.dhcpharvester.harvest;

/** A harvest parameter with a value it cannot take; the message names it and says what it takes. */
public final class BadParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public BadParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The parameter's name as the Jenkins step spells it ({@code verifyMethod}). */
    public String parameter() {
        return parameter;
    }
}
