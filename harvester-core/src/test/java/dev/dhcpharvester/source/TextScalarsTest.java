package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The table-driven hex digits and the String form of the IPv4 parser agree with their general forms. */
class TextScalarsTest {

    @Test
    void everyByteIsAHexDigitExactlyWhenCharacterDigitSaysSo() {
        for (int b = -128; b < 128; b++) {
            assertThat(Hex.value((byte) b)).as("byte %d", b).isEqualTo(b < 0 ? -1 : Character.digit(b, 16));
        }
        for (int v = 0; v < 16; v++) {
            assertThat(Hex.digit(v)).isEqualTo(Character.forDigit(v, 16));
        }
    }

    @Test
    void parsingAStringGivesWhatParsingAnyCharSequenceGives() {
        Random random = new Random(11);
        String alphabet = "0123456789..: x";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            if (i % 2 == 0) {
                text.append(random.nextInt(300)).append('.').append(random.nextInt(300)).append('.')
                        .append(random.nextInt(300)).append('.').append(random.nextInt(300));
            }
            for (int n = random.nextInt(4); n > 0; n--) {
                text.insert(random.nextInt(text.length() + 1), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(Ipv4.parse(text.toString())).as(text.toString()).isEqualTo(Ipv4.parse((CharSequence) text));
        }
        assertThat(Ipv4.parse("10.0.1.2")).isEqualTo(0x0a000102L);
        assertThat(Ipv4.parse("255.255.255.255")).isEqualTo(0xffff_ffffL);
        assertThat(Ipv4.parse("10.0.1.")).isEqualTo(-1);
    }
}
