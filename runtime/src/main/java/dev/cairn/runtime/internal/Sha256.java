package dev.cairn.runtime.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one checksum format Cairn writes, for Java sources (computed by the processor), SQL scripts
 * and registry fingerprints: {@code "sha256:"} and the lower-case hex SHA-256 of the bytes.
 *
 * <pre>{@code
 * MessageDigest digest = Sha256.newDigest();
 * digest.update(bytes);
 * String checksum = Sha256.checksum(digest);   // "sha256:9f86d081..."
 * }</pre>
 */
public final class Sha256 {

    /** Marks the algorithm, so that a future format can be told apart from this one. */
    public static final String PREFIX = "sha256:";

    private Sha256() {
    }

    /**
     * Never updated, only cloned: a clone skips the provider lookup of {@code getInstance}, which
     * took more time than hashing a short script or class (a digest per migration, at compile time
     * and at run time).
     */
    private static final MessageDigest PROTOTYPE = lookUp();

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return lookUp(); // a provider whose digest cannot be cloned
        }
    }

    /** The checksum of {@code bytes}. */
    public static String checksum(byte[] bytes) {
        MessageDigest digest = newDigest();
        digest.update(bytes);
        return checksum(digest);
    }

    /** Completes {@code digest} and writes it as {@code "sha256:"} and lower-case hex. */
    public static String checksum(MessageDigest digest) {
        StringBuilder hex = new StringBuilder(PREFIX.length() + 64).append(PREFIX);
        for (byte b : digest.digest()) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }
}
