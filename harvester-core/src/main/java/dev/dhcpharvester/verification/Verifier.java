package dev.dhcpharvester.verification;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses and combines probers: ICMP by fping when it is on the PATH, else by ping (or the one
 * asked for); TCP connect; or both, where TCP is tried only on the hosts that did not answer ICMP.
 */
public final class Verifier implements Prober {

    private final List<Prober> probers;

    public Verifier(List<Prober> probers) {
        this.probers = List.copyOf(probers);
    }

    /** The probers for the options, using the tools found on {@code PATH}. */
    public static Verifier forOptions(VerifyOptions options) throws ProbeException {
        List<Prober> probers = new ArrayList<>();
        VerifyOptions.Method method = options.method();
        Optional<Path> fping = method == VerifyOptions.Method.PING ? Optional.empty() : onPath("fping");
        if (method == VerifyOptions.Method.FPING && fping.isEmpty()) {
            throw new ProbeException("fping is not installed (apt-get install fping), or choose --verify-method ping");
        }
        if (method != VerifyOptions.Method.TCP) {
            if (fping.isPresent()) {
                probers.add(new FpingProber(fping.get(), options));
            } else {
                probers.add(new PingProber(onPath("ping").orElseThrow(() -> new ProbeException(
                        "neither fping nor ping is installed; install fping, or verify with --verify-method tcp")),
                        options));
            }
        }
        if (method == VerifyOptions.Method.TCP || method == VerifyOptions.Method.BOTH) {
            probers.add(new TcpProber(options));
        }
        return new Verifier(probers);
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public Set<String> reachable(Collection<String> addresses) throws IOException, InterruptedException {
        Set<String> alive = new HashSet<>();
        List<String> remaining = new ArrayList<>(addresses);
        for (Prober prober : probers) {
            if (remaining.isEmpty()) {
                break;
            }
            alive.addAll(prober.reachable(remaining));
            remaining.removeIf(alive::contains);
        }
        return alive;
    }

    @Override
    public String description() {
        return String.join(" then ", probers.stream().map(Prober::description).toList());
    }
}
