package dev.dhcpharvester.ncr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dhcpharvester.ncr.InvalidRequestException.Kind;
import dev.dhcpharvester.publication.ddns.DdnsPublisher.ConflictMode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Kea's NameChangeRequest wire format (ncr-format JSON over ncr-protocol UDP): a two-byte
 * big-endian length, then that many bytes of one JSON object. Decoding checks every field as
 * strictly as D2 does; fields it does not know are reported back (see {@link Decoded}) but do
 * not reject the request, so a newer Kea that adds one does not silence DNS.
 */
public final class NcrCodec {

    /** The fields Kea writes; {@code conflict-resolution-mode} replaced {@code use-conflict-resolution} in Kea 2.5. */
    static final Set<String> FIELDS = Set.of("change-type", "forward-change", "reverse-change", "fqdn", "ip-address",
            "dhcid", "lease-expires-on", "lease-length", "use-conflict-resolution", "conflict-resolution-mode");

    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request and the fields of its datagram that were not understood (normally none). */
    public record Decoded(NameChangeRequest request, List<String> unknownFields) {
    }

    private NcrCodec() {
    }

    /** Decodes one datagram: the length prefix, then the JSON object. */
    public static Decoded decodeDatagram(ByteBuffer datagram) throws InvalidRequestException {
        if (datagram.remaining() < 2) {
            throw new InvalidRequestException(Kind.BAD_LENGTH, "datagram of " + datagram.remaining()
                    + " bytes has no two-byte length");
        }
        int length = datagram.getShort() & 0xffff;
        if (length != datagram.remaining()) {
            throw new InvalidRequestException(Kind.BAD_LENGTH, "length prefix says " + length + " bytes, "
                    + datagram.remaining() + " follow");
        }
        byte[] body = new byte[length];
        datagram.get(body);
        return decodeJson(new String(body, StandardCharsets.UTF_8));
    }

    /** Decodes the JSON object of a request. */
    public static Decoded decodeJson(String json) throws InvalidRequestException {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(Kind.BAD_JSON, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException(Kind.BAD_JSON, "not a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        }
        long changeType = integer(node, "change-type");
        if (changeType != 0 && changeType != 1) {
            throw new InvalidRequestException(Kind.BAD_FIELD, "change-type must be 0 (add) or 1 (remove), not " + changeType);
        }
        boolean forward = bool(node, "forward-change");
        boolean reverse = bool(node, "reverse-change");
        if (!forward && !reverse) {
            throw new InvalidRequestException(Kind.BAD_FIELD, "neither forward-change nor reverse-change is true");
        }
        String fqdn = fqdn(text(node, "fqdn"));
        String address = address(text(node, "ip-address"));
        String dhcid = text(node, "dhcid");
        if (dhcid.isEmpty() || dhcid.length() % 2 != 0 || !dhcid.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new InvalidRequestException(Kind.BAD_FIELD, "dhcid must be an even number of hex digits, not '"
                    + printable(dhcid) + "'");
        }
        Instant expires;
        try {
            expires = LocalDateTime.parse(text(node, "lease-expires-on"), EXPIRES).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(Kind.BAD_FIELD, "lease-expires-on must be YYYYMMDDHHMMSS");
        }
        long length = integer(node, "lease-length");
        if (length < 0) {
            throw new InvalidRequestException(Kind.BAD_FIELD, "lease-length must not be negative");
        }
        return new Decoded(new NameChangeRequest(changeType == 0 ? NameChangeRequest.Type.ADD : NameChangeRequest.Type.REMOVE,
                forward, reverse, fqdn, address, dhcid, expires, length, mode(node)), List.copyOf(unknown));
    }

    /** The request as Kea writes it (one line of JSON), for the journal and for senders. */
    public static String encodeJson(NameChangeRequest request) {
        ObjectNode node = JSON.createObjectNode();
        node.put("change-type", request.type() == NameChangeRequest.Type.ADD ? 0 : 1);
        node.put("forward-change", request.forward());
        node.put("reverse-change", request.reverse());
        node.put("fqdn", request.fqdn());
        node.put("ip-address", request.address());
        node.put("dhcid", request.dhcid());
        node.put("lease-expires-on", EXPIRES.format(LocalDateTime.ofInstant(request.expiresOn(), ZoneOffset.UTC)));
        node.put("lease-length", request.leaseLength());
        node.put("conflict-resolution-mode", request.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return node.toString();
    }

    /** The request as a datagram: the two-byte length, then the JSON. */
    public static byte[] encodeDatagram(NameChangeRequest request) {
        byte[] body = encodeJson(request).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + body.length).putShort((short) body.length).put(body).array();
    }

    /** Kea before 2.5 sends a boolean; Kea 2.5 on a mode name; absent means Kea's default, check-with-dhcid. */
    private static ConflictMode mode(JsonNode node) throws InvalidRequestException {
        JsonNode mode = node.get("conflict-resolution-mode");
        if (mode != null) {
            try {
                return ConflictMode.parse(mode.asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(Kind.BAD_FIELD, "unknown conflict-resolution-mode '" + printable(mode.asText()) + "'");
            }
        }
        JsonNode use = node.get("use-conflict-resolution");
        if (use != null && !use.isBoolean()) {
            throw new InvalidRequestException(Kind.BAD_FIELD, "use-conflict-resolution must be true or false");
        }
        return use == null || use.booleanValue() ? ConflictMode.CHECK_WITH_DHCID : ConflictMode.NO_CHECK_WITH_DHCID;
    }

    private static String fqdn(String text) throws InvalidRequestException {
        String absolute = text.endsWith(".") ? text : text + ".";
        try {
            Name name = Name.fromString(absolute);
            if (name.labels() < 2) {
                throw new InvalidRequestException(Kind.BAD_FQDN, "fqdn is empty");
            }
            return name.toString(false);
        } catch (TextParseException e) {
            throw new InvalidRequestException(Kind.BAD_FQDN, "fqdn '" + printable(text) + "' is not a domain name: " + e.getMessage());
        }
    }

    /** An IPv4 or IPv6 literal in canonical form; never looked up in DNS. */
    private static String address(String text) throws InvalidRequestException {
        int family = text.indexOf(':') >= 0 ? Address.IPv6 : Address.IPv4;
        byte[] bytes = Address.toByteArray(text, family);
        if (bytes == null) {
            throw new InvalidRequestException(Kind.BAD_ADDRESS, "ip-address '" + printable(text) + "' is not an IPv4 or IPv6 address");
        }
        try {
            String canonical = InetAddress.getByAddress(bytes).getHostAddress();
            return canonical.indexOf('%') >= 0 ? canonical.substring(0, canonical.indexOf('%')) : canonical;
        } catch (UnknownHostException e) {
            throw new InvalidRequestException(Kind.BAD_ADDRESS, "ip-address '" + printable(text) + "': " + e.getMessage());
        }
    }

    private static JsonNode field(JsonNode node, String name) throws InvalidRequestException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidRequestException(Kind.BAD_FIELD, "no " + name);
        }
        return value;
    }

    private static String text(JsonNode node, String name) throws InvalidRequestException {
        JsonNode value = field(node, name);
        if (!value.isTextual()) {
            throw new InvalidRequestException(Kind.BAD_FIELD, name + " must be a string");
        }
        return value.textValue();
    }

    private static boolean bool(JsonNode node, String name) throws InvalidRequestException {
        JsonNode value = field(node, name);
        if (!value.isBoolean()) {
            throw new InvalidRequestException(Kind.BAD_FIELD, name + " must be true or false");
        }
        return value.booleanValue();
    }

    private static long integer(JsonNode node, String name) throws InvalidRequestException {
        JsonNode value = field(node, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidRequestException(Kind.BAD_FIELD, name + " must be an integer");
        }
        return value.longValue();
    }

    /** A field quoted in a log line: at most 64 characters, control characters escaped. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 64; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return text.length() > 64 ? out + "..." : out.toString();
    }
}
