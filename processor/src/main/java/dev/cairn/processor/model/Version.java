package dev.cairn.processor.model;

import dev.cairn.runtime.MigrationVersion;

/**
 * A migration's version as the processor reads it from source: a runtime
 * {@link MigrationVersion} ({@code 7}, {@code 1.10}), ordered and compared exactly as the runtime
 * orders them, or a negative whole number, which only {@code version = -5} can write. A negative
 * number is no version at all (the {@code InvalidVersion} rule rejects it), but it is kept as
 * written so that the other graph rules treat it as any other number: a migration that depends on
 * it finds it, and two of them are duplicates.
 *
 * <pre>{@code
 * Version version = Version.of(MigrationVersion.parse("1_10"));
 * version.toString();                                   // "1.10", as written with dots
 * version.compareTo(Version.of(9)) < 0;                 // true: 1.10 comes before 9
 * Version.of(1).equals(Version.of(MigrationVersion.parse("1.0")));  // true: the same version
 * }</pre>
 */
public final class Version implements Comparable<Version> {

    private static final MigrationVersion ZERO = MigrationVersion.of(0);

    /** The version, or null for a negative number. */
    private final MigrationVersion version;
    /** The negative number when {@link #version} is null. */
    private final long negative;

    private Version(MigrationVersion version, long negative) {
        this.version = version;
        this.negative = negative;
    }

    /** The whole number {@code value}, negative ones included. */
    public static Version of(long value) {
        return value < 0 ? new Version(null, value) : new Version(MigrationVersion.of(value), 0);
    }

    public static Version of(MigrationVersion version) {
        return new Version(version, 0);
    }

    /** Whether this is a version a migration may have: greater than zero. */
    public boolean isPositive() {
        return version != null && version.compareTo(ZERO) > 0;
    }

    /**
     * Whether this is a whole number ({@code 7}), which the registry writes with the runtime's
     * {@code long} overloads, rather than one with parts ({@code 1.10}).
     */
    public boolean isWhole() {
        return version == null || version.isWhole();
    }

    /**
     * This whole number as a {@code long}.
     *
     * @throws IllegalStateException if it has parts
     */
    public long asLong() {
        return version == null ? negative : version.asLong();
    }

    @Override
    public int compareTo(Version other) {
        if (version == null || other.version == null) {
            // Negative numbers come before every version, in numeric order among themselves.
            return version != null ? 1 : other.version != null ? -1 : Long.compare(negative, other.negative);
        }
        return version.compareTo(other.version);
    }

    /** Whether the two are the same version: {@code 1.0} equals {@code 1}, as for the runtime. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Version && compareTo((Version) other) == 0;
    }

    @Override
    public int hashCode() {
        return version == null ? Long.hashCode(negative) : version.hashCode();
    }

    /** As written, with dots: {@code 1.10} for a script {@code V1_10__x.sql}; {@code -5} for a negative number. */
    @Override
    public String toString() {
        return version == null ? Long.toString(negative) : version.toString();
    }
}
