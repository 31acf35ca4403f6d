package dev.dhcpharvester.publication.ddns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Update;

/**
 * Sends an UPDATE over TCP, signed with TSIG, to a zone's servers in turn: a server that cannot
 * be reached, or that refuses or is not authoritative, hands over to the next one, as D2 does.
 * Prerequisite failures (YXDOMAIN, NXRRSET...) are answers, returned for the caller to act on.
 */
public final class UpdateSender {

    /** A server's answer, or the reason no server answered. */
    public record Answer(int rcode, DnsServer server, String failure) {
        public boolean answered() {
            return failure == null;
        }

        public String rcodeName() {
            return Rcode.string(rcode);
        }
    }

    private final TSIG key;
    private final Duration timeout;
    private final UpdateStatistics statistics;
    private int sent;

    public UpdateSender(TSIG key, Duration timeout) {
        this(key, timeout, new UpdateStatistics());
    }

    /**
     * @param key        signs updates to servers without a key of their own; null: those go unsigned
     * @param statistics counters this sender adds to
     */
    public UpdateSender(TSIG key, Duration timeout, UpdateStatistics statistics) {
        this.key = key;
        this.timeout = timeout;
        this.statistics = statistics;
    }

    /** UPDATE messages sent so far (every attempt at every server counts). */
    public int sent() {
        return sent;
    }

    public Answer send(Update update, DdnsZone zone) {
        List<String> failures = new ArrayList<>();
        for (DnsServer server : zone.servers()) {
            try {
                SimpleResolver resolver = new SimpleResolver(InetAddress.getByName(server.host()));
                resolver.setPort(server.port());
                resolver.setTCP(true);
                resolver.setTimeout(timeout);
                TSIG signer = server.key() != null ? server.key() : key;
                if (signer != null) {
                    resolver.setTSIGKey(signer);
                }
                sent++;
                statistics.sent.incrementAndGet();
                (signer != null ? statistics.signed : statistics.unsigned).incrementAndGet();
                Message response;
                try {
                    response = send(resolver, update);
                } catch (IOException e) {
                    (timedOut(e) ? statistics.timeout : statistics.error).incrementAndGet();
                    throw e;
                }
                statistics.success.incrementAndGet();
                int rcode = response.getRcode();
                if (rcode == Rcode.REFUSED || rcode == Rcode.NOTAUTH || rcode == Rcode.SERVFAIL || rcode == Rcode.NOTIMP
                        || rcode == Rcode.NOTZONE) {
                    failures.add(server + " answered " + Rcode.string(rcode) + tsigError(response));
                    continue;
                }
                return new Answer(rcode, server, null);
            } catch (IOException e) {
                failures.add(server + ": " + e.getMessage());
            }
        }
        return new Answer(-1, null, "zone " + zone.name() + ": " + String.join("; ", failures));
    }

    /**
     * The answer, completed on dnsjava's I/O thread: its default path hands each answer to a new
     * thread when the machine has fewer than three cores (CompletableFuture's fallback), which
     * under a burst of updates costs more than the update.
     */
    private Message send(SimpleResolver resolver, Update update) throws IOException {
        try {
            return resolver.sendAsync(update, Runnable::run).toCompletableFuture()
                    .get(timeout.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for an answer");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SocketTimeoutException("timed out after " + timeout.toMillis() + " ms");
        }
    }

    /** dnsjava reports a timeout as a SocketTimeoutException or, from its async path, an IOException that says so. */
    private static boolean timedOut(IOException e) {
        return e instanceof SocketTimeoutException
                || (e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timed out"));
    }

    private static String tsigError(Message response) {
        if (response.getTSIG() != null && response.getTSIG().getError() != Rcode.NOERROR) {
            return " (TSIG " + Rcode.TSIGstring(response.getTSIG().getError()) + ": check the key name, algorithm and secret)";
        }
        return "";
    }
}
