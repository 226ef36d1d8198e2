package dev.cairn.processor.checksum;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    public static final String PREFIX = "sha256:";

    private Checksums() {
    }

    public static String of(List<String> tokens) {
        MessageDigest digest = sha256();
        for (String token : tokens) {
            digest.update((token.length() + ":" + token).getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder hex = new StringBuilder(PREFIX);
        for (byte b : digest.digest()) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
