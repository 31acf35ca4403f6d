package dev.dhcpharvester.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ConfTokenizer#skipBlock()} scans bytes rather than tokens; it must end where, and fail
 * as, skipping token by token does: at the matching brace, lines counted, over quoted strings
 * (escapes, line breaks, braces inside) and comments.
 */
class SkipBlockTest {

    private static final String[] PIECES = {"{", "}", "\"", "\\", "\\\"", "#", "\n", " ", "x", ";", "set a = \"b{\";",
        "# } comment\n", "\"}\"", "\\012", "on expiry {", "\t"};

    @Test
    void skippingBytesEndsWhereSkippingTokensEnds() {
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(30);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            byte[] bytes = ("{" + text).getBytes(StandardCharsets.ISO_8859_1);
            assertThat(skip(bytes, true)).as("after %s", text).isEqualTo(skip(bytes, false));
        }
    }

    /** Where a skip of the block opened by the first byte ends: position, line, or its error. */
    private static String skip(byte[] bytes, boolean byBytes) {
        ConfTokenizer t = new ConfTokenizer(Path.of("f"), bytes, 0, bytes.length, 1);
        try {
            t.next();
            if (byBytes) {
                t.skipBlock();
            } else {
                int depth = 1;
                while (depth > 0) {
                    switch (t.next()) {
                        case LBRACE -> depth++;
                        case RBRACE -> depth--;
                        case EOF -> throw new LeaseFileException(Path.of("f"), 1, "block opened here is not closed by '}'");
                        default -> { }
                    }
                }
            }
            return t.position() + " line " + t.linesScanned() + " " + t.kind() + " at line " + t.line();
        } catch (LeaseFileException e) {
            return e.getMessage();
        }
    }
}
