package dev.dhcpharvester.ncr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dhcpharvester.publication.ddns.DdnsZone;
import dev.dhcpharvester.publication.ddns.DnsServer;
import dev.dhcpharvester.publication.ddns.TsigKeyFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * What our NCR listener needs from a Kea D2 configuration file ({@code kea-dhcp-ddns.conf}): where
 * D2 listens, its forward and reverse DDNS domains with their servers, the TSIG keys (by domain,
 * or by server, which wins), and the DNS server timeout. Comments as Kea allows them ({@code #},
 * {@code //}, C-style) are accepted; parts of the file we have no use for (loggers, control
 * socket, hooks) are ignored. Errors name the file and the setting.
 *
 * @param listen  D2's ip-address and port (default 127.0.0.1:53001)
 * @param forward forward-ddns domains
 * @param reverse reverse-ddns domains
 * @param timeout dns-server-timeout (default 500 ms, as D2's)
 */
public record KeaD2Config(InetSocketAddress listen, List<DdnsZone> forward, List<DdnsZone> reverse, Duration timeout) {

    static final int DEFAULT_PORT = 53001;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_YAML_COMMENTS).enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();

    public KeaD2Config {
        forward = List.copyOf(forward);
        reverse = List.copyOf(reverse);
    }

    public static KeaD2Config read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        }
        if (text.contains("<?include")) {
            throw new IOException(file + ": <?include?> is not supported; give the included text inline");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
        JsonNode d2 = root == null ? null : root.get("DhcpDdns");
        if (d2 == null || !d2.isObject()) {
            throw new IOException(file + ": no \"DhcpDdns\" object; is this a kea-dhcp-ddns configuration?");
        }
        String where = file.toString();
        String protocol = d2.path("ncr-protocol").asText("UDP");
        if (!protocol.equalsIgnoreCase("UDP")) {
            throw new IOException(where + ": ncr-protocol " + protocol + " is not supported; Kea sends NCRs over UDP");
        }
        String format = d2.path("ncr-format").asText("JSON");
        if (!format.equalsIgnoreCase("JSON")) {
            throw new IOException(where + ": ncr-format " + format + " is not supported; Kea sends JSON");
        }
        int port = d2.path("port").asInt(DEFAULT_PORT);
        if (port < 1 || port > 65535) {
            throw new IOException(where + ": port " + port + " is not from 1 to 65535");
        }
        String address = d2.path("ip-address").asText("127.0.0.1");
        InetSocketAddress listen = new InetSocketAddress(literal(where, "ip-address", address), port);
        long timeoutMs = d2.path("dns-server-timeout").asLong(500);
        if (timeoutMs <= 0) {
            throw new IOException(where + ": dns-server-timeout must be a positive number of milliseconds");
        }
        Map<String, TSIG> keys = keys(where, d2.path("tsig-keys"));
        return new KeaD2Config(listen, domains(where, "forward-ddns", d2.path("forward-ddns"), keys),
                domains(where, "reverse-ddns", d2.path("reverse-ddns"), keys), Duration.ofMillis(timeoutMs));
    }

    private static Map<String, TSIG> keys(String where, JsonNode list) throws IOException {
        Map<String, TSIG> keys = new HashMap<>();
        for (JsonNode key : list) {
            String name = required(where, "tsig-keys", key, "name");
            String algorithm = required(where, "tsig key " + name, key, "algorithm");
            String secret;
            if (key.hasNonNull("secret")) {
                secret = key.get("secret").asText();
            } else if (key.hasNonNull("secret-file")) {
                Path secretFile = Path.of(key.get("secret-file").asText());
                try {
                    secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw new IOException(where + ": tsig key " + name + ": cannot read secret-file " + secretFile);
                }
            } else {
                throw new IOException(where + ": tsig key " + name + " has neither secret nor secret-file");
            }
            keys.put(name.toLowerCase(java.util.Locale.ROOT), TsigKeyFile.signer(where, name, algorithm, secret));
        }
        return keys;
    }

    private static List<DdnsZone> domains(String where, String section, JsonNode node, Map<String, TSIG> keys)
            throws IOException {
        List<DdnsZone> zones = new ArrayList<>();
        for (JsonNode domain : node.path("ddns-domains")) {
            String name = required(where, section, domain, "name");
            String context = section + " domain " + name;
            TSIG domainKey = key(where, context, domain, keys);
            List<DnsServer> servers = new ArrayList<>();
            for (JsonNode server : domain.path("dns-servers")) {
                if (!server.path("hostname").asText("").isEmpty()) {
                    throw new IOException(where + ": " + context + ": dns-servers take an ip-address, not a hostname (as in D2)");
                }
                String ip = required(where, context, server, "ip-address");
                int port = server.path("port").asInt(53);
                TSIG serverKey = key(where, context, server, keys);
                try {
                    servers.add(new DnsServer(literal(where, context + " ip-address", ip).getHostAddress(), port,
                            serverKey != null ? serverKey : domainKey));
                } catch (IllegalArgumentException e) {
                    throw new IOException(where + ": " + context + ": " + e.getMessage());
                }
            }
            if (servers.isEmpty()) {
                throw new IOException(where + ": " + context + " has no dns-servers");
            }
            try {
                zones.add(new DdnsZone(Name.fromString(name, Name.root), servers));
            } catch (TextParseException e) {
                throw new IOException(where + ": " + context + ": not a domain name");
            }
        }
        return zones;
    }

    private static TSIG key(String where, String context, JsonNode node, Map<String, TSIG> keys) throws IOException {
        String name = node.path("key-name").asText("");
        if (name.isEmpty()) {
            return null;
        }
        TSIG key = keys.get(name.toLowerCase(java.util.Locale.ROOT));
        if (key == null) {
            throw new IOException(where + ": " + context + ": key-name " + name + " is not among the tsig-keys");
        }
        return key;
    }

    private static java.net.InetAddress literal(String where, String setting, String text) throws IOException {
        byte[] bytes = org.xbill.DNS.Address.toByteArray(text,
                text.indexOf(':') >= 0 ? org.xbill.DNS.Address.IPv6 : org.xbill.DNS.Address.IPv4);
        if (bytes == null) {
            throw new IOException(where + ": " + setting + " '" + text + "' is not an IP address");
        }
        return java.net.InetAddress.getByAddress(bytes);
    }

    private static String required(String where, String context, JsonNode node, String field) throws IOException {
        String value = node.path(field).asText("");
        if (value.isEmpty()) {
            throw new IOException(where + ": " + context + ": no " + field);
        }
        return value;
    }
}
