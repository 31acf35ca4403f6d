package dev.dhcpharvester.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameSanitizerTest {

    @ParameterizedTest(name = "''{0}'' is valid")
    @CsvSource({"compute-1", "a", "UNK-525400123410", "0day", "x123456789012345678901234567890123456789012345678901234567890ab"})
    void validLabelsPassUnchanged(String name) {
        assertThat(HostnameSanitizer.check(name)).isEqualTo(new LabelCheck.Valid(name));
    }

    @ParameterizedTest(name = "''{0}'' becomes ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "Jane's MacBook Pro    | Janes-MacBook-Pro",
        "'  padded  '          | padded",
        "host.example.com      | host",
        "host.                 | host",
        "ONOS_controller       | ONOS-controller",
        "café                  | cafe",
        "-leading-and-trailing-| leading-and-trailing",
    })
    void safeRepairsKeepTheClientsIntent(String raw, String label) {
        LabelCheck check = HostnameSanitizer.check(raw);
        assertThat(check).isInstanceOf(LabelCheck.Repaired.class);
        assertThat(((LabelCheck.Repaired) check).label()).isEqualTo(label);
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @CsvSource(delimiter = '|', value = {
        "$INCLUDE /etc/shadow  | '$'",
        "a;b                   | ';'",
        "a(b                   | '('",
        "say\"hi               | '\"'",
        "back\\slash           | '\\'",
        "@                     | '@'",
        "日本                  | U+65E5",
        "'---'                 | no letters or digits",
        ".hidden               | no letters or digits",
    })
    void unsafeNamesAreRejectedWithTheReason(String raw, String reason) {
        LabelCheck check = HostnameSanitizer.check(raw);
        assertThat(check).isInstanceOf(LabelCheck.Rejected.class);
        assertThat(((LabelCheck.Rejected) check).reason()).contains(reason);
    }

    @org.junit.jupiter.api.Test
    void controlCharactersAndOverlongNamesAreRejected() {
        assertThat(HostnameSanitizer.check("line\n$INCLUDE x")).isInstanceOf(LabelCheck.Rejected.class);
        assertThat(HostnameSanitizer.check("nul\0byte")).isInstanceOf(LabelCheck.Rejected.class);
        assertThat(HostnameSanitizer.check("a".repeat(64))).isEqualTo(
                new LabelCheck.Rejected("longer than 63 characters (64)"));
        assertThat(HostnameSanitizer.check("x".repeat(300))).isInstanceOf(LabelCheck.Rejected.class);
    }

    @Property(tries = 5000)
    void anyByteStringBecomesAValidLabelOrIsRejected(@ForAll byte[] bytes) {
        String raw = new String(bytes, StandardCharsets.UTF_8);
        LabelCheck check = HostnameSanitizer.check(raw);
        if (check instanceof LabelCheck.Valid v) {
            assertThat(HostnameSanitizer.isValidLabel(v.label())).isTrue();
        } else if (check instanceof LabelCheck.Repaired r) {
            assertThat(HostnameSanitizer.isValidLabel(r.label())).as(r.label()).isTrue();
        }
    }

    @Property(tries = 5000)
    void anyStringBecomesAValidLabelOrIsRejected(@ForAll String raw) {
        LabelCheck check = HostnameSanitizer.check(raw);
        if (check instanceof LabelCheck.Repaired r) {
            assertThat(r.label()).matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
        } else if (check instanceof LabelCheck.Valid v) {
            assertThat(v.label()).matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
        }
    }
}
