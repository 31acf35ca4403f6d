package dev.dhcpharvester.publication.ddns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dhcpharvester.source.BindingState;
import dev.dhcpharvester.source.Lease;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three examples of RFC 4701 section 3.6, and the same through a lease as dhcpd records it. */
class DhcidTest {

    @ParameterizedTest(name = "{3}")
    @CsvSource({
        "2, 000100064 12df1660102030405 06, chi6.example.com, AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=",
        "1, 01070809 0a0b0c, chi.example.com., AAEBOSD+XR3Os/0LozeXVqcNc7FwCfQdWL3b/NaiUDlW2No=",
        "0, 01 010203040506, Client.Example.COM, AAABxLmlskllE0MVjd57zHcWmEH3pCQ6VytcKD//7es/deY=",
    })
    void matchesTheExamplesOfRfc4701(int type, String identifierHex, String fqdn, String expected) {
        byte[] identifier = HexFormat.of().parseHex(identifierHex.replace(" ", ""));
        assertThat(Base64.getEncoder().encodeToString(Dhcid.rdata(type, identifier, fqdn))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "client id, 010708090a0b0c, '', chi.example.com, AAEBOSD+XR3Os/0LozeXVqcNc7FwCfQdWL3b/NaiUDlW2No=",
        "hardware address, '', 01:02:03:04:05:06, client.example.com, AAABxLmlskllE0MVjd57zHcWmEH3pCQ6VytcKD//7es/deY=",
    })
    void aLeaseUsesItsClientIdElseItsHardwareAddress(String what, String clientId, String mac, String fqdn, String expected) {
        Lease lease = new Lease("192.0.2.3", mac, clientId, "chi", null, null, BindingState.ACTIVE, false,
                new Lease.Origin("f", 1));
        assertThat(Base64.getEncoder().encodeToString(Dhcid.forLease(lease, fqdn))).isEqualTo(expected);
    }
}
