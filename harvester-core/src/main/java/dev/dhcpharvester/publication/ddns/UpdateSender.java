package dev.dhcpharvester.publication.ddns;

import java.io.IOException;
import java.net.InetAddress;
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
    private int sent;

    public UpdateSender(TSIG key, Duration timeout) {
        this.key = key;
        this.timeout = timeout;
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
                if (key != null) {
                    resolver.setTSIGKey(key);
                }
                sent++;
                Message response = resolver.send(update);
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

    private static String tsigError(Message response) {
        if (response.getTSIG() != null && response.getTSIG().getError() != Rcode.NOERROR) {
            return " (TSIG " + Rcode.TSIGstring(response.getTSIG().getError()) + ": check the key name, algorithm and secret)";
        }
        return "";
    }
}
