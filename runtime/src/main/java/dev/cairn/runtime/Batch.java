package dev.cairn.runtime;

import java.util.Objects;

/**
 * One batch of a {@link BatchedMigration}: the keys of its first and last row, in the order the
 * migration walks them, and how many rows it holds. {@link BatchedMigration#nextBatch} finds it;
 * {@link BatchedMigration#processBatch} works on the rows from {@link #first()} to {@link #last()}
 * inclusive; Cairn then commits that work together with {@code last()} as the checkpoint.
 *
 * <pre>{@code
 * Batch batch = Batch.of(BatchKey.of(1001), BatchKey.of(2000), 1000);
 * context.execute("UPDATE book SET slug = lower(title) WHERE id BETWEEN ? AND ?",
 *         batch.first().asLong(), batch.last().asLong());
 * }</pre>
 */
public final class Batch {

    private final BatchKey first;
    private final BatchKey last;
    private final int rows;

    private Batch(BatchKey first, BatchKey last, int rows) {
        this.first = Objects.requireNonNull(first, "first");
        this.last = Objects.requireNonNull(last, "last");
        if (rows < 0) {
            throw new IllegalArgumentException("A batch cannot hold " + rows + " rows");
        }
        if (first.isNumber() != last.isNumber()) {
            throw new IllegalArgumentException("A batch's first and last keys must be of one kind, number or text: "
                    + first + " and " + last);
        }
        this.rows = rows;
    }

    /** A batch from {@code first} to {@code last}, both inclusive, holding {@code rows} rows. */
    public static Batch of(BatchKey first, BatchKey last, int rows) {
        return new Batch(first, last, rows);
    }

    /** A batch of whole-number keys from {@code first} to {@code last}, both inclusive. */
    public static Batch of(long first, long last, int rows) {
        return new Batch(BatchKey.of(first), BatchKey.of(last), rows);
    }

    /** The key of the batch's first row. */
    public BatchKey first() {
        return first;
    }

    /** The key of the batch's last row: the checkpoint once the batch is committed. */
    public BatchKey last() {
        return last;
    }

    /** How many rows the batch holds (its share of the progress). */
    public int rows() {
        return rows;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Batch && first.equals(((Batch) other).first) && last.equals(((Batch) other).last)
                && rows == ((Batch) other).rows;
    }

    @Override
    public int hashCode() {
        return Objects.hash(first, last, rows);
    }

    /** For example {@code keys 1001..2000 (1000 rows)}. */
    @Override
    public String toString() {
        return "keys " + first + ".." + last + " (" + rows + " rows)";
    }
}
