package dev.dhcpharvester.publication.ddns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * TSIG keys from a bind key file, as {@code tsig-keygen} and {@code rndc-confgen -a} write them
 * ({@code key "name" { algorithm hmac-sha256; secret "base64"; };}, comments in any of bind's
 * three styles). The secret stays in memory only as long as the returned signer needs it and is
 * never part of an error message.
 */
public final class TsigKeyFile {

    /** A key: its name, algorithm as written, and the signer dnsjava uses. */
    public record Key(String name, String algorithm, TSIG signer) {
    }

    private static final Map<String, Name> ALGORITHMS = Map.of(
            "hmac-md5", TSIG.HMAC_MD5,
            "hmac-sha1", TSIG.HMAC_SHA1,
            "hmac-sha224", TSIG.HMAC_SHA224,
            "hmac-sha256", TSIG.HMAC_SHA256,
            "hmac-sha384", TSIG.HMAC_SHA384,
            "hmac-sha512", TSIG.HMAC_SHA512);

    private static final Pattern KEY = Pattern.compile("(?s)\\bkey\\s+\"?([^\"\\s{]+)\"?\\s*\\{(.*?)\\}\\s*;");
    private static final Pattern ALGORITHM = Pattern.compile("\\balgorithm\\s+\"?([A-Za-z0-9.-]+)\"?\\s*;");
    private static final Pattern SECRET = Pattern.compile("\\bsecret\\s+\"([A-Za-z0-9+/=\\s]*)\"\\s*;");

    private TsigKeyFile() {
    }

    /** The text with bind's three comment styles blanked out, quoted strings left whole (a base64 secret may hold "//"). */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = text.indexOf('"', i + 1);
                end = end < 0 ? n : end + 1;
                out.append(text, i, end);
                i = end;
            } else if (c == '#' || c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                out.append(' ');
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * A signer from a key's parts, as a bind key file or a Kea {@code tsig-keys} entry gives them;
     * errors start with {@code where} and name the key, never its secret.
     */
    public static TSIG signer(String where, String name, String algorithm, String base64Secret) throws IOException {
        Name algorithmId = ALGORITHMS.get(algorithm.toLowerCase(Locale.ROOT));
        if (algorithmId == null) {
            throw new IOException(where + ": key \"" + name + "\" uses algorithm '" + algorithm
                    + "'; supported: hmac-md5, hmac-sha1, hmac-sha224, hmac-sha256, hmac-sha384, hmac-sha512");
        }
        byte[] secretBytes;
        try {
            secretBytes = Base64.getDecoder().decode(base64Secret.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": key \"" + name + "\" has a secret that is not base64", e);
        }
        if (secretBytes.length == 0) {
            throw new IOException(where + ": key \"" + name + "\" has an empty secret");
        }
        try {
            return new TSIG(algorithmId, Name.fromString(name, Name.root), secretBytes);
        } catch (TextParseException e) {
            throw new IOException(where + ": key name \"" + name + "\" is not a domain name", e);
        }
    }

    /** Every key in the file, in order. */
    public static List<Key> read(Path file) throws IOException {
        String text = withoutComments(Files.readString(file, StandardCharsets.UTF_8));
        List<Key> keys = new ArrayList<>();
        Matcher key = KEY.matcher(text);
        while (key.find()) {
            String name = key.group(1);
            Matcher algorithm = ALGORITHM.matcher(key.group(2));
            Matcher secret = SECRET.matcher(key.group(2));
            if (!algorithm.find()) {
                throw new IOException(file + ": key \"" + name + "\" has no 'algorithm' statement");
            }
            if (!secret.find()) {
                throw new IOException(file + ": key \"" + name + "\" has no quoted 'secret' statement");
            }
            String algorithmName = algorithm.group(1).toLowerCase(Locale.ROOT);
            keys.add(new Key(name, algorithmName, signer(file.toString(), name, algorithmName, secret.group(1))));
        }
        if (keys.isEmpty()) {
            throw new IOException(file + ": no key { algorithm ...; secret \"...\"; }; statement found");
        }
        return List.copyOf(keys);
    }
}
