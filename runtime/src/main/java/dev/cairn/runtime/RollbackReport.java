package dev.cairn.runtime;

import java.util.List;

/**
 * The result of {@link Migrator#rollback(long)}: the migrations undone, dependents first.
 *
 * <pre>{@code
 * RollbackReport report = migrator.rollback(3);
 * report.rolledBack();   // e.g. [5 (Add index) in 12 ms, 4 (Add column) in 3 ms]
 * }</pre>
 */
public final class RollbackReport {

    private final MigrationVersion target;
    private final List<ExecutedMigration> rolledBack;

    /** Creates the report. */
    RollbackReport(MigrationVersion target, List<ExecutedMigration> rolledBack) {
        this.target = target;
        this.rolledBack = List.copyOf(rolledBack);
    }

    /** The version rolled back to. */
    public MigrationVersion target() {
        return target;
    }

    /** The migrations whose {@code down} ran, in the order they ran. */
    public List<ExecutedMigration> rolledBack() {
        return rolledBack;
    }

    @Override
    public String toString() {
        return "rolled back to " + target + ": " + rolledBack;
    }
}
