package dev.dhcpharvester.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SoaSerialTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @Test
    void raisesAMultiLineSerialAndChangesNothingElse() {
        String zone = """
                $TTL 3600
                ; serial below
                @ IN SOA ns.cord.lab. hostmaster.cord.lab. (
                        42 ; serial
                        3600 900 604800 300 )
                  IN NS ns
                $INCLUDE "dhcp_harvest.inc"
                """;

        SoaSerial.Bumped bumped = SoaSerial.bump(zone, TODAY);

        assertThat(bumped.from()).isEqualTo(42);
        assertThat(bumped.to()).isEqualTo(43);
        assertThat(bumped.text()).isEqualTo(zone.replace("        42 ;", "        43 ;"));
    }

    @Test
    void aDateSerialMovesToTodayOrGrowsByOne() {
        assertThat(SoaSerial.next(2026010103L, TODAY)).isEqualTo(2026112500L);
        assertThat(SoaSerial.next(2026112507L, TODAY)).isEqualTo(2026112508L);
        assertThat(SoaSerial.next(4294967295L, TODAY)).as("wraps as RFC 1982").isEqualTo(0L);
    }

    @Test
    void findsTheSerialWithTtlAndClassAndIgnoresComments() {
        String zone = "; not this SOA 1 2 3\ncord.lab. 300 IN SOA ns.cord.lab. hostmaster.cord.lab. 7 1 2 3 4\n";
        assertThat(SoaSerial.bump(zone, TODAY).text()).isEqualTo(zone.replace(" 7 ", " 8 "));
    }

    @Test
    void aZoneWithoutSoaIsAnError() {
        assertThatThrownBy(() -> SoaSerial.bump("a IN A 10.0.0.1\n", TODAY)).hasMessageContaining("no SOA");
    }
}
