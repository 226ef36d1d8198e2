package dev.cairn.processor.checksum;

import dev.cairn.runtime.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The checksum format: {@code "sha256:"} followed by the lower-case hex SHA-256 of the source's
 * tokens (see {@link JavaTokenizer}), each written as its length in chars, a colon and its text,
 * in UTF-8. Length prefixes keep token boundaries, so {@code ab c} and {@code a bc} differ.
 *
 * <pre>{@code
 * String checksum = Checksums.of(JavaTokenizer.tokenize(source));  // "sha256:3f2a..."
 * }</pre>
 */
public final class Checksums {

    /** Marks the algorithm, so that a future format can be told apart from this one. */
    public static final String PREFIX = Sha256.PREFIX;

    private Checksums() {
    }

    public static String of(List<String> tokens) {
        MessageDigest digest = Sha256.newDigest();
        for (String token : tokens) {
            digest.update((token.length() + ":" + token).getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.checksum(digest);
    }
}
