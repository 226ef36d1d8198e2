package dev.cairn.runtime;

import java.util.Objects;

/**
 * The key a {@link BatchedMigration} walks its rows by: a whole number (an {@code id} column) or a
 * text (a UUID, a code). The last key of each committed batch is the checkpoint from which an
 * interrupted migration resumes, stored by Cairn in its own table, so it must be the key the
 * migration's {@code ORDER BY} sorts by.
 *
 * <pre>{@code
 * BatchKey after = BatchKey.of(41_000L);
 * statement.setLong(1, after.asLong());
 * BatchKey code = BatchKey.of("SKU-0042");
 * }</pre>
 */
public final class BatchKey {

    private final Long number;
    private final String text;

    private BatchKey(Long number, String text) {
        this.number = number;
        this.text = text;
    }

    /** A whole-number key. */
    public static BatchKey of(long key) {
        return new BatchKey(key, null);
    }

    /** A text key, compared as the database's {@code ORDER BY} compares it. */
    public static BatchKey of(String key) {
        return new BatchKey(null, Objects.requireNonNull(key, "key"));
    }

    /** Whether this is a whole-number key ({@link #of(long)}). */
    public boolean isNumber() {
        return number != null;
    }

    /**
     * The whole-number key.
     *
     * @throws IllegalStateException if this is a text key
     */
    public long asLong() {
        if (number == null) {
            throw new IllegalStateException("Batch key '" + text + "' is a text key, not a number: read it with asText()");
        }
        return number;
    }

    /** The key as text: a number's decimal digits, or the text key itself. */
    public String asText() {
        return number != null ? Long.toString(number) : text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BatchKey && Objects.equals(number, ((BatchKey) other).number)
                && Objects.equals(text, ((BatchKey) other).text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, text);
    }

    /** The key as written: {@code 41000}, or a text key in single quotes, {@code 'SKU-0042'}. */
    @Override
    public String toString() {
        return number != null ? number.toString() : "'" + text + "'";
    }
}
