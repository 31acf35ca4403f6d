package dev.dhcpharvester.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The fixtures/capture-*.sh scripts, run by the tests that keep the committed captures honest. */
public final class Captures {

    private Captures() {
    }

    /** Whether this run may capture: root (namespaces), with every program named installed. */
    public static boolean possible(String... programs) throws IOException {
        boolean root = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        return root && List.of(programs).stream().allMatch(p -> Files.isExecutable(Path.of(p)));
    }

    /** Runs {@code ../fixtures/SCRIPT ARGS...} with its log in {@code dir}; fails with that log unless it succeeds within two minutes. */
    public static void run(Path dir, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("../fixtures/" + script));
        command.addAll(List.of(args));
        Path log = dir.resolve(script + ".log");
        Process capture = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!capture.waitFor(120, TimeUnit.SECONDS)) {
            capture.destroy();
            throw new IOException(script + " did not finish within two minutes:\n" + Files.readString(log));
        }
        if (capture.exitValue() != 0) {
            throw new IOException(script + " failed (exit " + capture.exitValue() + "):\n" + Files.readString(log));
        }
    }
}
