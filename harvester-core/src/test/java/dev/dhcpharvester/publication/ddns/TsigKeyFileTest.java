package dev.dhcpharvester.publication.ddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dhcpharvester.testing.NamedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.TSIG;

class TsigKeyFileTest {

    @Test
    void aKeyFromTheFileSignsATransferThatARealNamedAccepts(@TempDir Path dir) throws Exception {
        assumeTrue(NamedServer.available(), "named is installed by bin/run-tests");
        try (NamedServer named = NamedServer.start(dir)) {
            TsigKeyFile.Key key = TsigKeyFile.read(named.tsigKeyFile()).get(0);
            assertThat(key.name()).isEqualTo(NamedServer.TSIG_KEY_NAME);
            assertThat(key.algorithm()).isEqualTo("hmac-sha512");

            assertThat(named.transfer("tsig.test", key.signer())).isNotEmpty();
            assertThatThrownBy(() -> named.transfer("tsig.test", null)).as("unsigned").isInstanceOf(IOException.class);
            TSIG wrong = new TSIG(TSIG.HMAC_SHA512, org.xbill.DNS.Name.fromString(key.name() + "."), new byte[32]);
            assertThatThrownBy(() -> named.transfer("tsig.test", wrong)).as("wrong secret").isInstanceOf(IOException.class);
        }
    }

    @Test
    void readsEveryKeyAndAllThreeCommentStyles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.conf");
        Files.writeString(file, """
                // rndc-confgen -a
                key "rndc-key" {
                    algorithm hmac-md5; # old
                    secret "c2VjcmV0"; /* base64 */
                };
                key ddns.example { algorithm HMAC-SHA256; secret "c2Vj
                    cmV0"; };
                """);

        List<TsigKeyFile.Key> keys = TsigKeyFile.read(file);

        assertThat(keys).extracting(TsigKeyFile.Key::name, TsigKeyFile.Key::algorithm)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rndc-key", "hmac-md5"),
                        org.assertj.core.groups.Tuple.tuple("ddns.example", "hmac-sha256"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "key k { algorithm hmac-sha999; secret \"c2VjcmV0\"; };  | uses algorithm 'hmac-sha999'; supported: hmac-md5",
        "key k { algorithm hmac-sha256; };                       | key \"k\" has no quoted 'secret' statement",
        "key k { algorithm hmac-sha256; secret \"***\"; };       | key \"k\" has no quoted 'secret' statement",
        "key k { secret \"c2VjcmV0\"; };                         | key \"k\" has no 'algorithm' statement",
        "options { };                                            | no key { algorithm ...; secret \"...\"; }; statement found",
    })
    void aBadKeyFileIsOneLineNamingTheFileAndNeverTheSecret(String text, String message, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.key");
        Files.writeString(file, text);
        assertThatThrownBy(() -> TsigKeyFile.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(message)
                .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void aSecretHoldingSlashesIsNotTakenForAComment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("slashes.key");
        Files.writeString(file, "key \"k\" { algorithm hmac-sha256; secret \"ab//cd//ef==\"; }; // comment\n");

        assertThat(TsigKeyFile.read(file)).singleElement().extracting(TsigKeyFile.Key::name).isEqualTo("k");
    }
}
