package dev.cairn.runtime.internal.plan;

import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.ValidationReport;
import dev.cairn.runtime.internal.history.History;
import dev.cairn.runtime.internal.history.HistoryRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a {@code migrate} (or {@code plan}) call would do against one reading of the history, worked
 * out once by {@link Planner#plan} and handed on as a value: the migrations to apply in order, the
 * ones left alone because they were rolled back (with the rolled-back migration that holds each
 * back), and the validation problems. A new plan is worked out only when the history changed, for
 * example after waiting for the lock while another instance migrated.
 *
 * <pre>{@code
 * Plan plan = Planner.plan(config, history, null);
 * if (plan.validation().isValid()) {
 *     plan.pending().forEach(runner::apply);
 * }
 * }</pre>
 */
public final class Plan {

    private final History history;
    private final List<MigrationDescriptor> pending;
    private final Map<MigrationDescriptor, MigrationDescriptor> heldBack;
    private final ValidationReport validation;

    Plan(History history, List<MigrationDescriptor> pending, Map<MigrationDescriptor, MigrationDescriptor> heldBack,
            ValidationReport validation) {
        this.history = history;
        this.pending = List.copyOf(pending);
        this.heldBack = heldBack;
        this.validation = validation;
    }

    /** The history this plan was worked out from. */
    public History history() {
        return history;
    }

    /** The migrations to apply, in the registry's topological order. */
    public List<MigrationDescriptor> pending() {
        return pending;
    }

    /** The rolled-back migrations, and the pending ones that depend on one, that this call leaves alone. */
    public List<MigrationDescriptor> skipped() {
        return new ArrayList<>(heldBack.keySet());
    }

    /** Each skipped migration mapped to the rolled-back migration that holds it back (itself, if rolled back). */
    public Map<MigrationDescriptor, MigrationDescriptor> heldBack() {
        return heldBack;
    }

    /** Every problem between the code and this history, as this call (with its target) sees them. */
    public ValidationReport validation() {
        return validation;
    }

    /**
     * Whether {@code other} is the same history this plan was worked out from. Every history writer
     * holds the lock and appends rows with a growing rank ({@code repair} deletes and appends), so
     * the same number of rows and the same latest rank mean nothing was written in between.
     */
    public boolean isFor(History other) {
        if (other == history) {
            return true;
        }
        if (other == null || other.rows().size() != history.rows().size()) {
            return false;
        }
        HistoryRow latest = history.latestRow();
        HistoryRow otherLatest = other.latestRow();
        return latest == null ? otherLatest == null
                : otherLatest != null && latest.rank() == otherLatest.rank();
    }
}
