package dev.cairn.runtime;

import java.util.Arrays;

/**
 * A migration's version: a whole number ({@code 7}, {@code 20251119143022}) or, as Flyway names
 * them, a number with parts ({@code 1.10}, {@code 17.1}, {@code 1.12.15}).
 *
 * <p>Versions are ordered part by part, numerically, as Flyway orders them: {@code 1.9 < 1.10 < 2}.
 * Missing parts count as zero, so {@code 1}, {@code 1.0} and {@code 1.0.0} are the same version
 * (and two migrations with them are duplicates). {@link #toString()} shows the version as written,
 * with dots: a script {@code V1_10__add_index.sql} has version {@code 1.10}, and that is how
 * {@code info}, every message and the history table show it (leading zeros dropped: {@code 01} is
 * {@code 1}).
 *
 * <pre>{@code
 * MigrationVersion version = MigrationVersion.parse("1_10");   // or "1.10"
 * version.toString();                                          // "1.10"
 * version.compareTo(MigrationVersion.parse("1.9")) > 0;        // true
 * MigrationVersion.of(7).isWhole();                            // true
 * }</pre>
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {

    /** The parts as written, each a non-negative number. */
    private final long[] parts;
    /** The parts without trailing zeros: what equality and hashing use. */
    private final int significantParts;

    private MigrationVersion(long[] parts) {
        this.parts = parts;
        int significant = parts.length;
        while (significant > 1 && parts[significant - 1] == 0) {
            significant--;
        }
        this.significantParts = significant;
    }

    /**
     * The whole-number version {@code version}.
     *
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public static MigrationVersion of(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("A migration version is not negative: " + version);
        }
        return new MigrationVersion(new long[] {version});
    }

    /**
     * Reads a version as Flyway writes it: numbers separated by dots or underscores ({@code 1.10},
     * {@code 1_10}, {@code 7}).
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it: empty, an empty
     *     part ({@code 1..2}, {@code 1.}), a character other than a digit, dot or underscore, or a
     *     part beyond {@value Long#MAX_VALUE}
     */
    public static MigrationVersion parse(String text) {
        String problem = problemWith(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String[] pieces = text.split("[._]", -1);
        long[] parts = new long[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            parts[i] = Long.parseLong(pieces[i]);
        }
        return new MigrationVersion(parts);
    }

    /**
     * What is wrong with {@code text} as a version, as a sentence naming it, or {@code null} when
     * {@link #parse} accepts it. The annotation processor reports the same sentence at compile time.
     */
    public static String problemWith(String text) {
        if (text == null || text.isEmpty()) {
            return "A migration version is a number, or numbers separated by dots or underscores (1.10, 1_10);"
                    + " it is empty";
        }
        int partStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.' || c == '_') {
                if (i == partStart) {
                    return "The version '" + text + "' has an empty part: write numbers separated by single dots"
                            + " or underscores, like 1.10 or 1_10";
                }
                String part = text.substring(partStart, i);
                if (part.length() > 18 && !fitsInLong(part)) {
                    return "The version '" + text + "' has a part larger than " + Long.MAX_VALUE;
                }
                partStart = i + 1;
            } else if (c < '0' || c > '9') {
                return "The version '" + text + "' has '" + c + "' in it: a version is numbers separated by dots"
                        + " or underscores, like 1.10 or 1_10";
            }
        }
        return null;
    }

    private static boolean fitsInLong(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether this version is a whole number ({@code 7}), not one with parts ({@code 1.10}). */
    public boolean isWhole() {
        return parts.length == 1;
    }

    /**
     * This whole-number version as a {@code long}.
     *
     * @throws IllegalStateException if the version has parts ({@code 1.10})
     */
    public long asLong() {
        if (!isWhole()) {
            throw new IllegalStateException("The version " + this + " has parts; it is not a whole number");
        }
        return parts[0];
    }

    /** The first part: the whole version for {@code 7}, {@code 1} for {@code 1.10}. */
    public long leadingPart() {
        return parts[0];
    }

    /** The parts as written: {@code [1, 10]} for {@code 1.10}. */
    public long[] parts() {
        return parts.clone();
    }

    @Override
    public int compareTo(MigrationVersion other) {
        int length = Math.max(parts.length, other.parts.length);
        for (int i = 0; i < length; i++) {
            int order = Long.compare(partOrZero(i), other.partOrZero(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private long partOrZero(int index) {
        return index < parts.length ? parts[index] : 0;
    }

    /** Whether the two are the same version: {@code 1.0} equals {@code 1}. */
    @Override
    public boolean equals(Object other) {
        return other instanceof MigrationVersion && compareTo((MigrationVersion) other) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(significantParts == parts.length ? parts : Arrays.copyOf(parts, significantParts));
    }

    /** The version as written, with dots: {@code 1.10} for a script named {@code V1_10__x.sql}. */
    @Override
    public String toString() {
        if (parts.length == 1) {
            return Long.toString(parts[0]);
        }
        StringBuilder text = new StringBuilder();
        for (long part : parts) {
            if (text.length() > 0) {
                text.append('.');
            }
            text.append(part);
        }
        return text.toString();
    }
}
