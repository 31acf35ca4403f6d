package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The table-driven hex digits and the two forms of the IPv4 parser agree with their general forms and each other. */
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
    void parsingAStringGivesWhatParsingItsBytesGivesAndFormattingUndoesIt() {
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
            byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(Ipv4.parse(text.toString())).as(text.toString()).isEqualTo(Ipv4.parse(bytes, 0, bytes.length));
        }
        for (int i = 0; i < 20_000; i++) {
            long address = random.nextLong() & 0xffff_ffffL;
            String text = (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
            assertThat(Ipv4.format(address)).isEqualTo(text);
            assertThat(Ipv4.length(address)).isEqualTo(text.length());
            assertThat(Ipv4.parse(text)).isEqualTo(address);
        }
        assertThat(Ipv4.format(0)).isEqualTo("0.0.0.0");
        assertThat(Ipv4.format(0xffff_ffffL)).isEqualTo("255.255.255.255");
        assertThat(Ipv4.parse("10.0.1.2")).isEqualTo(0x0a000102L);
        assertThat(Ipv4.parse("255.255.255.255")).isEqualTo(0xffff_ffffL);
        assertThat(Ipv4.parse("10.0.1.")).isEqualTo(-1);
    }
}
