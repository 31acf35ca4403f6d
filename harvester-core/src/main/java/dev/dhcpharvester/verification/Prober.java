package dev.dhcpharvester.verification;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;

/** Finds which of a set of IPv4 addresses answer. */
public interface Prober {

    /** The addresses that answered, a subset of {@code addresses}. */
    Set<String> reachable(Collection<String> addresses) throws IOException, InterruptedException;

    /** Names the tool or method, for the report. */
    String description();
}
