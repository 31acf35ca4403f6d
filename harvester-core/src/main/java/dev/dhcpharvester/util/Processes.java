package dev.dhcpharvester.util;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/** Runs an external program (rndc, fping, ping) with Commons Exec: arguments never pass through a shell. */
public final class Processes {

    /** How a program ended. */
    public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
        /** stderr, or stdout when stderr is empty, on one line. */
        public String message() {
            String text = stderr.isBlank() ? stdout : stderr;
            // rndc explains itself over several lines starting with "* "; one line reads better in a log
            return text.strip().replaceAll("\\s*\\R\\s*(\\*\\s*)?", " ");
        }
    }

    private Processes() {
    }

    /**
     * Runs {@code command} with {@code stdin} as its input and waits at most {@code timeout}.
     *
     * @throws IOException when the program cannot be started at all (not installed, not executable)
     */
    public static Result run(List<String> command, byte[] stdin, Duration timeout) throws IOException {
        CommandLine line = new CommandLine(command.get(0));
        for (String argument : command.subList(1, command.size())) {
            line.addArgument(argument, false);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        DefaultExecutor executor = DefaultExecutor.builder()
                .setExecuteStreamHandler(new PumpStreamHandler(out, err, new ByteArrayInputStream(stdin)))
                .get();
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        int exit;
        try {
            exit = executor.execute(line);
        } catch (ExecuteException e) {
            exit = e.getExitValue();
            if (!watchdog.killedProcess()) {
                throw new IOException("cannot run " + command.get(0) + ": " + rootMessage(e), e);
            }
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + ": " + rootMessage(e), e);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                watchdog.killedProcess());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
