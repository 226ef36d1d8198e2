package dev.cairn.runtime.internal.operation;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.ExecutedMigration;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.RollbackReport;
import dev.cairn.runtime.ValidationProblem;
import dev.cairn.runtime.ValidationReport;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.history.History;
import dev.cairn.runtime.internal.plan.Planner;
import dev.cairn.runtime.internal.plan.Validator;
import dev.cairn.runtime.internal.run.MigrationRunner;
import dev.cairn.runtime.internal.run.SqlScripts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code rollback}: undoes every applied migration that the target does not depend on, in reverse
 * registry order so that dependents go before their dependencies, even across merged branches.
 * Everything that would block it (an irreversible migration, a pending repair, a database newer
 * than the application) is checked under the lock before the first {@code down} runs.
 */
public final class RollbackOperation extends Operation {

    public RollbackOperation(MigratorConfig config) {
        super(config);
    }

    public RollbackReport rollback(MigrationVersion target) {
        Set<MigrationVersion> keep = Planner.closure(config, target);
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
                        throw ApiValues.get().irreversible(target, irreversible);
                    }
                    MigrationRunner runner = new MigrationRunner(config, locked, lockedDialect, lockedTable,
                            installedBy(locked));
                    SqlScripts.checkBeforeRun(toUndo, true, runner.placeholders());
                    checkStorable(lockedDialect, toUndo);
                    List<ExecutedMigration> undone = new ArrayList<>();
                    for (MigrationDescriptor migration : toUndo) {
                        undone.add(runner.rollback(migration));
                    }
                    History after = lockedTable.readIfExists(locked, false);
                    lockedDialect.recordHighestVersion(locked, after.highestAppliedVersion());
                    return ApiValues.get().rollbackReport(target, undone);
                }));
    }

    /** Applied migrations outside {@code keep}, dependents first. */
    private List<MigrationDescriptor> toUndo(History history, Set<MigrationVersion> keep) {
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
                    || problem.kind() == ValidationProblem.Kind.OTHER_APPLICATION
                    || problem.kind() == ValidationProblem.Kind.APPLIED_UNKNOWN) {
                blocking.add(problem);
            }
        }
        return ApiValues.get().validationReport(blocking);
    }
}
