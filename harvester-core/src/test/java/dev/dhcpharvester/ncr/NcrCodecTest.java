package dev.dhcpharvester.ncr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dhcpharvester.ncr.InvalidRequestException.Kind;
import dev.dhcpharvester.publication.ddns.DdnsPublisher.ConflictMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NcrCodecTest {

    /** As Kea 2.2's DHCPv4 server writes one (the field order and case of its NameChangeRequest::toJSON). */
    static final String KEA_22 = """
            {"change-type":0,"forward-change":true,"reverse-change":false,"fqdn":"Walah.Walah.com.",\
            "ip-address":"192.168.2.1","dhcid":"010203040a7f8e3d","lease-expires-on":"20130121132405",\
            "lease-length":1300,"use-conflict-resolution":true}""";

    @Test
    void decodesWhatKeaSends() throws Exception {
        NcrCodec.Decoded decoded = NcrCodec.decodeDatagram(datagram(KEA_22));
        NameChangeRequest r = decoded.request();
        assertThat(decoded.unknownFields()).isEmpty();
        assertThat(r.type()).isEqualTo(NameChangeRequest.Type.ADD);
        assertThat(r.forward()).isTrue();
        assertThat(r.reverse()).isFalse();
        assertThat(r.fqdn()).isEqualTo("walah.walah.com.");
        assertThat(r.address()).isEqualTo("192.168.2.1");
        assertThat(r.dhcid()).isEqualTo("010203040A7F8E3D");
        assertThat(r.expiresOn()).isEqualTo(Instant.parse("2013-01-21T13:24:05Z"));
        assertThat(r.leaseLength()).isEqualTo(1300);
        assertThat(r.mode()).isEqualTo(ConflictMode.CHECK_WITH_DHCID);
    }

    @Test
    void readsBothWaysOfSayingTheConflictMode() throws Exception {
        assertThat(NcrCodec.decodeJson(KEA_22.replace("\"use-conflict-resolution\":true", "\"use-conflict-resolution\":false"))
                .request().mode()).isEqualTo(ConflictMode.NO_CHECK_WITH_DHCID);
        assertThat(NcrCodec.decodeJson(KEA_22.replace("\"use-conflict-resolution\":true",
                "\"conflict-resolution-mode\":\"check-exists-with-dhcid\"")).request().mode())
                .isEqualTo(ConflictMode.CHECK_EXISTS_WITH_DHCID);
        assertThat(NcrCodec.decodeJson(KEA_22.replace(",\"use-conflict-resolution\":true", "")).request().mode())
                .isEqualTo(ConflictMode.CHECK_WITH_DHCID);
    }

    @Test
    void ipv6AddressesAndNamesWithoutTheFinalDot() throws Exception {
        NameChangeRequest r = NcrCodec.decodeJson(KEA_22.replace("192.168.2.1", "2001:DB8:0:0::17")
                .replace("Walah.Walah.com.", "host.example.org").replace("\"change-type\":0", "\"change-type\":1")).request();
        assertThat(r.address()).isEqualTo("2001:db8:0:0:0:0:0:17");
        assertThat(r.fqdn()).isEqualTo("host.example.org.");
        assertThat(r.type()).isEqualTo(NameChangeRequest.Type.REMOVE);
        assertThat(r.host().address()).isEqualTo("2001:db8:0:0:0:0:0:17");
    }

    @Test
    void encodingRoundTrips() throws Exception {
        NameChangeRequest r = NcrCodec.decodeJson(KEA_22).request();
        assertThat(NcrCodec.decodeDatagram(ByteBuffer.wrap(NcrCodec.encodeDatagram(r))).request()).isEqualTo(r);
    }

    @Test
    void unknownFieldsAreReportedNotRejected() throws Exception {
        NcrCodec.Decoded decoded = NcrCodec.decodeJson(KEA_22.replace("{", "{\"future-field\":1,"));
        assertThat(decoded.unknownFields()).containsExactly("future-field");
        assertThat(decoded.request().fqdn()).isEqualTo("walah.walah.com.");
    }

    @Test
    void lengthPrefixMustMatch() {
        assertThatThrownBy(() -> NcrCodec.decodeDatagram(ByteBuffer.wrap(new byte[] {7})))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("no two-byte length")
                .extracting(e -> ((InvalidRequestException) e).kind()).isEqualTo(Kind.BAD_LENGTH);
        byte[] body = KEA_22.getBytes(StandardCharsets.UTF_8);
        ByteBuffer wrong = ByteBuffer.allocate(2 + body.length).putShort((short) (body.length + 5)).put(body).flip();
        assertThatThrownBy(() -> NcrCodec.decodeDatagram(wrong)).hasMessageContaining("length prefix says " + (body.length + 5));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON                | {"change-type":0,                                      | BAD_JSON    | not JSON
            an array                | [1,2]                                                  | BAD_JSON    | not a JSON object
            change-type 2           | "change-type":0 => "change-type":2                     | BAD_FIELD   | change-type must be 0 (add) or 1 (remove)
            change-type text        | "change-type":0 => "change-type":"0"                   | BAD_FIELD   | change-type must be an integer
            no fqdn                 | "fqdn":"Walah.Walah.com.", =>                          | BAD_FIELD   | no fqdn
            neither direction       | "forward-change":true => "forward-change":false        | BAD_FIELD   | neither forward-change nor reverse-change
            address out of range    | 192.168.2.1 => 300.168.2.1                             | BAD_ADDRESS | not an IPv4 or IPv6 address
            short address           | 192.168.2.1 => 192.168.2                               | BAD_ADDRESS | not an IPv4 or IPv6 address
            a host name, not looked up | 192.168.2.1 => localhost                            | BAD_ADDRESS | not an IPv4 or IPv6 address
            empty label             | Walah.Walah.com. => walah..com.                        | BAD_FQDN    | is not a domain name
            label too long          | Walah.Walah.com. => aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com. | BAD_FQDN | is not a domain name
            odd dhcid               | 010203040a7f8e3d => 010203040a7f8e3               | BAD_FIELD   | dhcid must be an even number of hex digits
            dhcid not hex           | 010203040a7f8e3d => 01020304zz7f8e3d              | BAD_FIELD   | dhcid must be an even number of hex digits
            bad expiry              | 20130121132405 => 2013-01-21                          | BAD_FIELD   | lease-expires-on must be YYYYMMDDHHMMSS
            negative lease          | "lease-length":1300 => "lease-length":-1               | BAD_FIELD   | lease-length must not be negative
            unknown mode            | "use-conflict-resolution":true => "conflict-resolution-mode":"maybe" | BAD_FIELD | unknown conflict-resolution-mode 'maybe'
            """)
    void rejectsWithTheKindAndAReason(String what, String change, Kind kind, String message) {
        String json = change.contains("=>") ? KEA_22.replace(change.split("=>")[0].strip(), change.split("=>", -1)[1].strip())
                : change;
        assertThatThrownBy(() -> NcrCodec.decodeJson(json)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(message).extracting(e -> ((InvalidRequestException) e).kind()).isEqualTo(kind);
    }

    @Test
    void controlCharactersNeverReachTheLog() {
        assertThatThrownBy(() -> NcrCodec.decodeJson(KEA_22.replace("192.168.2.1", "1.2.3.4\\n$INCLUDE /etc/shadow")))
                .hasMessageContaining("1.2.3.4\\x0a$INCLUDE").hasMessageNotContaining("\n");
    }

    static ByteBuffer datagram(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + body.length).putShort((short) body.length).put(body).flip();
    }
}
