package dev.dhcpharvester.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Kea's leases through its control agent's HTTP API, for sites whose lease database is MySQL or
 * PostgreSQL and so has no file: {@code lease4-get-page} or {@code lease6-get-page} (the lease_cmds
 * hook), a page at a time from the lowest address up, so a large database is never one answer.
 * Of DHCPv6 leases, addresses (IA_NA, IA_TA) are read; delegated prefixes (IA_PD) name no host. Every failure names the
 * agent and what it said; a harvest that fails to read publishes nothing.
 */
public final class KeaApiLeaseSource {

    /**
     * @param url      the control agent, e.g. {@code http://127.0.0.1:8000/}; a fragment {@code #dhcp6}
     *                 names the server behind it to ask (default {@code #dhcp4}), and is never sent
     * @param user     basic authentication user, or null
     * @param password its password
     * @param timeout  how long one page may take
     * @param pageSize leases per page
     */
    public record Endpoint(URI url, String user, String password, Duration timeout, int pageSize) {

        public Endpoint {
            if (pageSize < 1) {
                throw new IllegalArgumentException("a page holds at least one lease");
            }
            String service = url.getFragment();
            if (service != null && !service.equals("dhcp4") && !service.equals("dhcp6")) {
                throw new IllegalArgumentException("the Kea control agent URL may end in #dhcp4 or #dhcp6 (the server"
                        + " behind the agent to ask), not #" + service);
            }
        }

        /** The server behind the agent: dhcp4 or dhcp6. */
        public String service() {
            return "dhcp6".equals(url.getFragment()) ? "dhcp6" : "dhcp4";
        }

        /** Where requests go: the URL without its fragment. */
        URI target() {
            try {
                return new URI(url.getScheme(), url.getRawAuthority(), url.getRawPath(), url.getRawQuery(), null);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException("a URL without its fragment is a URL", e);
            }
        }

        /** The agent's address without credentials, for messages. */
        @Override
        public String toString() {
            return url.toString();
        }
    }

    /** Kea's result codes: 0 success, 3 empty (no more leases). */
    private static final int SUCCESS = 0;
    private static final int EMPTY = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeaApiLeaseSource() {
    }

    /** Passes every lease the server holds to {@code sink}, lowest address first; returns how many. */
    public static int read(Endpoint endpoint, Consumer<Lease> sink) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(endpoint.timeout()).build();
        String from = "start";
        int count = 0;
        int page = 0;
        while (true) {
            JsonNode answer = command(client, endpoint, from);
            int result = answer.path("result").asInt(-1);
            if (result == EMPTY) {
                return count;
            }
            if (result != SUCCESS) {
                throw new IOException("Kea control agent " + endpoint + " answered " + commandName(endpoint) + " with result " + result
                        + ": " + answer.path("text").asText("(no text)"));
            }
            JsonNode leases = answer.path("arguments").path("leases");
            String last = null;
            for (JsonNode lease : leases) {
                last = lease.path("ip-address").asText();
                page++;
                if (lease.path("type").asText("").equals("IA_PD")) {
                    continue; // a delegated prefix: a router's, not a host's
                }
                sink.accept(lease(endpoint, lease, page));
                count++;
            }
            if (last == null || leases.size() < endpoint.pageSize()) {
                return count;
            }
            from = last;
        }
    }

    private static JsonNode command(HttpClient client, Endpoint endpoint, String from) throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        request.put("command", commandName(endpoint));
        request.putArray("service").add(endpoint.service());
        request.putObject("arguments").put("from", from).put("limit", endpoint.pageSize());
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint.target()).timeout(endpoint.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8));
        if (endpoint.user() != null) {
            http.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (endpoint.user() + ":" + endpoint.password()).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            response = client.send(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new IOException("Kea control agent " + endpoint + " did not answer within " + endpoint.timeout().toMillis()
                    + " ms", e);
        } catch (java.net.ConnectException e) {
            throw new IOException("cannot reach the Kea control agent at " + endpoint + " (connection refused): is"
                    + " kea-ctrl-agent running there?", e);
        } catch (IOException e) {
            throw new IOException("cannot read leases from the Kea control agent at " + endpoint + ": " + e.getMessage(), e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IOException("the Kea control agent at " + endpoint + " refused the credentials (HTTP "
                    + response.statusCode() + "); check --kea-api-credentials");
        }
        if (response.statusCode() != 200) {
            throw new IOException("the Kea control agent at " + endpoint + " answered HTTP " + response.statusCode());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException("the Kea control agent at " + endpoint + " answered something that is not JSON", e);
        }
        // the agent answers with one object per service asked
        JsonNode answer = body != null && body.isArray() && body.size() > 0 ? body.get(0) : body;
        if (answer == null || !answer.isObject()) {
            throw new IOException("the Kea control agent at " + endpoint + " answered an unexpected " + body);
        }
        return answer;
    }

    private static String commandName(Endpoint endpoint) {
        return endpoint.service().equals("dhcp6") ? "lease6-get-page" : "lease4-get-page";
    }

    private static Lease lease(Endpoint endpoint, JsonNode lease, int index) throws IOException {
        boolean v6 = endpoint.service().equals("dhcp6");
        String address = lease.path("ip-address").asText("");
        if (v6 ? (address = Ipv6.canonical(address)) == null : Ipv4.parse(address) < 0) {
            throw new IOException("the Kea control agent at " + endpoint + " sent a lease without an IPv" + (v6 ? 6 : 4)
                    + " address: " + lease);
        }
        String hw = lease.path("hw-address").asText("");
        String mac = hw.isEmpty() ? "" : IscLeaseParser.normalizeMac(hw);
        String clientId = "";
        String idField = v6 ? "duid" : "client-id";
        if (!lease.path(idField).asText("").isEmpty()) {
            String id = IscLeaseParser.normalizeMac(lease.path(idField).asText());
            clientId = id == null ? "" : id.replace(":", "");
        }
        if (v6 && (mac == null || mac.isEmpty())) {
            mac = Duid.linkLayerAddress(clientId);
        }
        long cltt = lease.path("cltt").asLong();
        long valid = lease.path("valid-lft").asLong();
        BindingState state = switch (lease.path("state").asInt(0)) {
            case 0 -> BindingState.ACTIVE;
            case 1 -> BindingState.ABANDONED; // declined
            case 2 -> BindingState.EXPIRED; // expired-reclaimed
            case 3 -> BindingState.RELEASED;
            default -> BindingState.UNSPECIFIED;
        };
        return new Lease(address, mac == null ? "" : mac.toLowerCase(Locale.ROOT), clientId,
                lease.path("hostname").asText(""), Instant.ofEpochSecond(cltt), Instant.ofEpochSecond(cltt + valid), state,
                state == BindingState.ABANDONED, new Lease.Origin(endpoint.toString(), index));
    }
}
