package dev.cairn.runtime;

import dev.cairn.runtime.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code rollback}: undoes every applied migration that the target does not depend on, in reverse
 * registry order so that dependents go before their dependencies, even across merged branches.
 * Everything that would block it (an irreversible migration, a pending repair, a database newer
 * than the application) is checked under the lock before the first {@code down} runs.
 */
final class RollbackCommand extends Command {

    RollbackCommand(MigratorConfig config) {
        super(config);
    }

    RollbackReport rollback(long target) {
        Set<Long> keep = Planner.closure(config, target);
        return withConnection("roll back", (connection, dialect, table) -> locked(connection, dialect, table,
                (locked, lockedDialect, lockedTable, history) -> {
                    ValidationReport report = Validator.validate(config, history);
                    Validator.throwIfInvalid(config, history, blocking(report));
                    List<MigrationDescriptor> toUndo = toUndo(history, keep);
                    List<MigrationDescriptor> irreversible = new ArrayList<>();
                    for (MigrationDescriptor migration : toUndo) {
                        if (!migration.reversible()) {
                            irreversible.add(migration);
                        }
                    }
                    if (!irreversible.isEmpty()) {
                        throw new IrreversibleMigrationException(target, irreversible);
                    }
                    SqlScripts.checkBeforeRun(toUndo, true);
                    MigrationRunner runner = new MigrationRunner(config, locked, lockedDialect, lockedTable,
                            installedBy(locked));
                    List<ExecutedMigration> undone = new ArrayList<>();
                    for (MigrationDescriptor migration : toUndo) {
                        undone.add(runner.rollback(migration));
                    }
                    History after = lockedTable.readIfExists(locked, false);
                    long highest = 0;
                    for (dev.cairn.runtime.history.VersionRecord record : after.versions()) {
                        if (record.isApplied()) {
                            highest = Math.max(highest, record.version());
                        }
                    }
                    lockedDialect.recordHighestVersion(locked, highest);
                    return new RollbackReport(target, undone);
                }));
    }

    /** Applied migrations outside {@code keep}, dependents first. */
    private List<MigrationDescriptor> toUndo(History history, Set<Long> keep) {
        List<MigrationDescriptor> migrations = config.migrations();
        List<MigrationDescriptor> toUndo = new ArrayList<>();
        for (int i = migrations.size() - 1; i >= 0; i--) {
            MigrationDescriptor migration = migrations.get(i);
            if (!keep.contains(migration.version()) && history.isApplied(migration.version())) {
                toUndo.add(migration);
            }
        }
        return toUndo;
    }

    /** Rollback refuses on pending repairs and unknown applied migrations; an edited migration may still be undone. */
    private static ValidationReport blocking(ValidationReport report) {
        List<ValidationProblem> blocking = new ArrayList<>();
        for (ValidationProblem problem : report.problems()) {
            if (problem.kind() == ValidationProblem.Kind.FAILED_MIGRATION
                    || problem.kind() == ValidationProblem.Kind.APPLIED_UNKNOWN) {
                blocking.add(problem);
            }
        }
        return new ValidationReport(blocking);
    }
}
