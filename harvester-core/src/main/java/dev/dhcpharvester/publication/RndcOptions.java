package dev.dhcpharvester.publication;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to ask named to reload.
 *
 * @param command rndc program (CORD's {@code -c})
 * @param keyFile an rndc.conf or a bare key file, or null for rndc's defaults
 * @param server  rndc server address
 * @param port    rndc control port
 * @param zone    zone to reload, or null for every zone
 * @param timeout how long rndc may take
 */
public record RndcOptions(String command, Path keyFile, String server, int port, String zone, Duration timeout) {

    /** The same, reloading {@code other} (null: every zone). */
    public RndcOptions forZone(String other) {
        return new RndcOptions(command, keyFile, server, port, other, timeout);
    }
}
