package dev.dhcpharvester.verification;

import java.io.IOException;

/** A probe tool that could not run at all (missing, refused its arguments, no privilege). */
public final class ProbeException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProbeException(String message) {
        super(message);
    }
}
