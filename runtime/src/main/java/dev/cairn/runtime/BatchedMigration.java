package dev.cairn.runtime;

import dev.cairn.runtime.internal.BatchSequence;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A data migration over more rows than one transaction should hold (a backfill, a re-encoding, a
 * split column): Cairn runs it batch by batch, each batch in a transaction of its own that also
 * records the batch's last key as a checkpoint in Cairn's table {@code <history table>_batches}.
 * After a crash, a kill or a failed batch, the next {@code migrate()} resumes after the last
 * committed batch: no committed batch runs twice, none is skipped. The migration counts as applied
 * only once {@link #nextBatch} finds nothing more and {@link #verify} passes, in the transaction
 * that writes its history row; until then {@code info} shows it {@link MigrationState#IN_PROGRESS}
 * with its rows done, and the migrations that depend on it wait.
 *
 * <p>Annotate the class with {@code @Migration} as any Java migration; the processor records that
 * it is batched. Batches should hold only DML: on a database that commits DDL implicitly (MariaDB,
 * MySQL, H2) a DDL statement would commit half a batch without its checkpoint, which Cairn detects
 * when the batch returns and then stops for repair. Put the DDL (the new column) in a migration
 * this one depends on.
 *
 * <pre>{@code
 * @Migration(version = 8, dependsOn = 7)
 * public final class BackfillBookSlugs implements BatchedMigration {
 *     @Override
 *     public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after, int batchSize)
 *             throws SQLException {
 *         return Batches.nextByLongKey(context, "book", "id", "slug IS NULL", after, batchSize);
 *     }
 *
 *     @Override
 *     public void processBatch(MigrationContext context, Batch batch) throws SQLException {
 *         context.execute("UPDATE book SET slug = lower(replace(title, ' ', '-')) WHERE id BETWEEN ? AND ?",
 *                 batch.first().asLong(), batch.last().asLong());
 *     }
 *
 *     @Override
 *     public OptionalLong countRows(MigrationContext context) throws SQLException {
 *         return Batches.count(context, "SELECT COUNT(*) FROM book WHERE slug IS NULL");
 *     }
 *
 *     @Override
 *     public void verify(MigrationContext context) throws SQLException {
 *         Batches.requireNone(context, "SELECT COUNT(*) FROM book WHERE slug IS NULL", "books without a slug");
 *     }
 * }
 * }</pre>
 */
public interface BatchedMigration extends JavaMigration {

    /**
     * Finds the next batch: at most {@code batchSize} rows whose key comes after {@code after} (all
     * rows when it is empty), in key order. Runs in the batch's transaction, just before
     * {@link #processBatch}. {@link Batches#nextByLongKey} does it for a whole-number key column.
     *
     * @param after the last key of the latest committed batch, empty for the first batch
     * @return the batch, or empty when no row is left: the migration is then verified and recorded
     */
    Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after, int batchSize) throws Exception;

    /**
     * Processes one batch: the rows from {@code batch.first()} to {@code batch.last()}. Cairn
     * commits its work together with the checkpoint; if it throws, both are rolled back, the
     * failure is recorded with the batch's keys, and the next {@code migrate()} retries this batch.
     */
    void processBatch(MigrationContext context, Batch batch) throws Exception;

    /**
     * How many rows the whole migration will process, if that is cheap to count (an indexed
     * {@code COUNT(*)}), for progress and the time left; asked once, when the migration starts.
     * The default counts nothing.
     */
    default OptionalLong countRows(MigrationContext context) throws Exception {
        return OptionalLong.empty();
    }

    /**
     * The migration's batch size and pause between batches. An operator can override them at run
     * time ({@link Migrator.Builder#batchSettings}). The default is {@link BatchSettings#DEFAULT}.
     */
    default BatchSettings batchSettings() {
        return BatchSettings.DEFAULT;
    }

    /**
     * All batches in the caller's one transaction, without checkpoints: what Cairn runs where a run
     * is one transaction anyway (singleTransaction mode), and what a test may call directly.
     * Cairn's normal runs never call it: they run the batches one transaction at a time.
     */
    @Override
    default void up(MigrationContext context) throws Exception {
        int batchSize = batchSettings().batchSize();
        Optional<BatchKey> after = Optional.empty();
        for (Optional<Batch> batch = nextBatch(context, after, batchSize); batch.isPresent();
                batch = nextBatch(context, after, batchSize)) {
            BatchSequence.requireMovesOn(after, batch.get());
            processBatch(context, batch.get());
            after = Optional.of(batch.get().last());
        }
    }
}
