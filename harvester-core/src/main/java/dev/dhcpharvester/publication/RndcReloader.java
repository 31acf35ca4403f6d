package dev.dhcpharvester.publication;

import dev.dhcpharvester.util.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code rndc reload [zone]} through Commons Exec. The key may be an rndc.conf (it has an
 * {@code options} block; passed with {@code -c}) or a bare key file as {@code rndc-confgen -a}
 * or {@code tsig-keygen} write it (passed with {@code -k}).
 */
public final class RndcReloader {

    private static final Pattern OPTIONS_BLOCK = Pattern.compile("(?m)^\\s*options\\s*\\{");

    private final RndcOptions options;

    public RndcReloader(RndcOptions options) {
        this.options = options;
    }

    /** The command line that {@link #reload()} runs. */
    public List<String> command() throws PublicationException {
        List<String> command = new ArrayList<>(List.of(options.command(), "-s", options.server(),
                "-p", Integer.toString(options.port())));
        if (options.keyFile() != null) {
            command.add(isRndcConf() ? "-c" : "-k");
            command.add(options.keyFile().toString());
        }
        command.add("reload");
        if (options.zone() != null) {
            command.add(options.zone());
        }
        return command;
    }

    private boolean isRndcConf() throws PublicationException {
        try {
            String text = Files.readString(options.keyFile(), StandardCharsets.ISO_8859_1);
            return OPTIONS_BLOCK.matcher(text).find();
        } catch (IOException e) {
            throw new PublicationException("cannot read rndc key file " + options.keyFile() + ": " + e.getMessage(), e);
        }
    }

    /** Reloads; returns rndc's message. */
    public String reload() throws PublicationException {
        List<String> command = command();
        Processes.Result result;
        try {
            result = Processes.run(command, new byte[0], options.timeout());
        } catch (IOException e) {
            throw new PublicationException(e.getMessage() + " (set the rndc program with -c)", e);
        }
        if (result.timedOut()) {
            throw new PublicationException("rndc reload did not answer within " + options.timeout().toMillis()
                    + " ms; is named's control channel at " + options.server() + "#" + options.port() + "?");
        }
        if (result.exitCode() != 0) {
            throw new PublicationException("rndc reload failed (exit " + result.exitCode() + "): " + result.message());
        }
        return result.message();
    }
}
