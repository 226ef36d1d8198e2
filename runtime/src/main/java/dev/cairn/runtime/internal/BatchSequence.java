package dev.cairn.runtime.internal;

import dev.cairn.runtime.Batch;
import dev.cairn.runtime.BatchKey;
import java.util.Optional;

/**
 * The rule every batch a {@code BatchedMigration} returns must keep, wherever it runs (batch by
 * batch under Cairn's checkpoints, or all in one transaction through its default {@code up}): it
 * moves past the key it was given, with keys of the same kind.
 *
 * <pre>{@code
 * BatchSequence.requireMovesOn(after, batch);   // IllegalStateException: the migration would never finish
 * }</pre>
 */
public final class BatchSequence {

    private BatchSequence() {
    }

    public static void requireMovesOn(Optional<BatchKey> after, Batch batch) {
        if (after.isEmpty()) {
            return;
        }
        if (after.get().equals(batch.last())) {
            throw new IllegalStateException("nextBatch returned a batch (" + batch + ") that ends at the checkpoint "
                    + after.get() + ", so the migration would never finish: its query must return only rows whose key "
                    + "is greater than the key it is given");
        }
        if (after.get().isNumber() != batch.last().isNumber()) {
            throw new IllegalStateException("nextBatch returned a batch (" + batch + ") whose keys are of another kind "
                    + "than the checkpoint " + after.get() + ": a migration's keys are all numbers or all texts");
        }
    }
}
