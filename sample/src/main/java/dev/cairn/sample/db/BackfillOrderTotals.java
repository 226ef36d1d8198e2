package dev.cairn.sample.db;

import dev.cairn.Migration;
import dev.cairn.runtime.Batch;
import dev.cairn.runtime.BatchKey;
import dev.cairn.runtime.BatchSettings;
import dev.cairn.runtime.BatchedMigration;
import dev.cairn.runtime.Batches;
import dev.cairn.runtime.MigrationContext;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A batched data migration: fills {@code order_archive.total_cents} for the 200,000 archived orders
 * of {@link ImportOrderArchive}, {@value #BATCH_SIZE} rows a batch, about forty batches. Each batch
 * commits on its own together with its checkpoint (the last order id done), so a live database is
 * never locked for the whole backfill, and a crash, a kill or a failed batch loses at most one
 * batch: the next {@code migrate} resumes after the last committed one. The CLI shows its progress
 * (rows done of the total {@link #countRows} counted, rate, time left); {@code info} shows it in
 * progress until {@link #verify} has passed. An operator can change the batch size or add a pause
 * at run time without a rebuild.
 *
 * <p>It implements {@link BatchedMigration}, which the processor records at compile time; it must
 * not override {@code up} (a compile error: a batched run never calls it).
 */
@Migration(version = 13, dependsOn = 12)
public final class BackfillOrderTotals implements BatchedMigration {
    static final int BATCH_SIZE = 5_000;

    @Override
    public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after, int batchSize)
            throws Exception {
        return Batches.nextByLongKey(context, "order_archive", "id", "total_cents IS NULL", after, batchSize);
    }

    @Override
    public void processBatch(MigrationContext context, Batch batch) throws Exception {
        context.execute("UPDATE order_archive SET total_cents = quantity * unit_price_cents "
                + "WHERE id BETWEEN ? AND ? AND total_cents IS NULL", batch.first().asLong(), batch.last().asLong());
    }

    @Override
    public OptionalLong countRows(MigrationContext context) throws Exception {
        return Batches.count(context, "SELECT COUNT(*) FROM order_archive WHERE total_cents IS NULL");
    }

    @Override
    public BatchSettings batchSettings() {
        return BatchSettings.of(BATCH_SIZE);
    }

    @Override
    public void verify(MigrationContext context) throws Exception {
        Batches.requireNone(context, "SELECT COUNT(*) FROM order_archive "
                + "WHERE total_cents IS NULL OR total_cents <> quantity * unit_price_cents",
                "archived orders without their total");
    }

    @Override
    public void down(MigrationContext context) throws Exception {
        context.execute("UPDATE order_archive SET total_cents = NULL");
    }
}
