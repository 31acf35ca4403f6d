package dev.dhcpharvester.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The set-up commands the test networks run (ip, sysctl): their output, or an exception that quotes it. */
final class Commands {

    private Commands() {
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
        return output;
    }

    /** Runs a clean-up command whose failure means there was nothing left to clean. */
    static void runQuietly(String... command) {
        try {
            run(command);
        } catch (IOException | RuntimeException e) {
            // already gone, or never made
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
