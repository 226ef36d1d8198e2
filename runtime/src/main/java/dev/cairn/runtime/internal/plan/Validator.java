package dev.cairn.runtime.internal.plan;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.ValidationProblem;
import dev.cairn.runtime.ValidationReport;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.history.BatchCheckpoint;
import dev.cairn.runtime.internal.history.History;
import dev.cairn.runtime.internal.history.HistoryRow;
import dev.cairn.runtime.internal.history.VersionRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the registry with the history and reports every problem at once. One pass over the
 * registry and one over the recorded versions, with hash lookups, and no migration class loaded.
 */
public final class Validator {

    private Validator() {
    }

    /** The problems as {@code validate()} and a plain {@code migrate()} see them. */
    public static ValidationReport validate(MigratorConfig config, History history) {
        return Planner.plan(config, history, null).validation();
    }

    /**
     * The problems as a {@code migrate(target)} sees them: a rolled-back dependency inside the
     * target's closure ({@code reapplied}) is re-applied by that call, so it is no problem there;
     * {@code heldBack} is what a call without a target leaves alone. Called by {@link Planner#plan}.
     */
    static ValidationReport validate(MigratorConfig config, History history, Set<MigrationVersion> reapplied,
            Map<MigrationDescriptor, MigrationDescriptor> heldBack) {
        Applications.Foreign foreign = Applications.foreign(config, history);
        if (foreign != null) {
            // Every other problem would compare another application's migrations with this one's.
            return ApiValues.get().validationReport(List.of(ApiValues.get().validationProblem(
                    ValidationProblem.Kind.OTHER_APPLICATION, foreign.versions().get(0),
                    Applications.message(config, foreign, config.historyTable()))));
        }
        List<ValidationProblem> problems = new ArrayList<>();
        for (Map.Entry<MigrationDescriptor, MigrationDescriptor> held : heldBack.entrySet()) {
            if (held.getKey() != held.getValue() && !history.isRolledBack(held.getKey().version())) {
                problems.add(dependencyRolledBack(held.getKey(), held.getValue()));
            }
        }
        int recordsOfKnownMigrations = 0;
        Map<MigrationVersion, List<MigrationVersion>> lateDependents = new TreeMap<>();
        for (MigrationDescriptor migration : config.migrations()) {
            VersionRecord record = history.get(migration.version());
            BatchCheckpoint checkpoint = history.checkpoint(migration.version());
            if (checkpoint != null && (record == null || !record.isApplied())) {
                problems.addAll(editedInProgress(migration, checkpoint));
            }
            if (record == null) {
                continue;
            }
            recordsOfKnownMigrations++;
            if (record.needsRepair()) {
                problems.add(failedProblem(migration.version(), migration.className(), record.failure()));
            }
            if (record.isApplied()) {
                String recorded = record.checksum();
                String current = migration.checksum().orElse(null);
                if (recorded == null && current != null) {
                    problems.add(missingChecksum(migration, record.checksumRow(), current));
                } else if (recorded != null && current != null && !recorded.equals(current)) {
                    problems.add(ApiValues.get().validationProblem(ValidationProblem.Kind.CHECKSUM_MISMATCH, migration.version(),
                            "Migration " + migration.version() + " (" + migration.className() + ") was edited after "
                                    + "it was applied: the database recorded checksum " + recorded + ", the code has "
                                    + current + ". Revert the edit and put the change in a new migration; if the edit "
                                    + "is deliberate and does not change the schema, call repair() to record the new "
                                    + "checksum."));
                }
                for (MigrationVersion dependency : migration.dependsOn()) {
                    VersionRecord dependencyRecord = history.get(dependency);
                    if (dependencyRecord == null && !reapplied.contains(dependency)) {
                        // Never run, yet a migration after it ran without it: added late.
                        if (!config.outOfOrder()) {
                            lateDependents.computeIfAbsent(dependency, late -> new ArrayList<>()).add(migration.version());
                        }
                    } else if ((dependencyRecord == null || !dependencyRecord.isApplied())
                            && !reapplied.contains(dependency)) {
                        problems.add(ApiValues.get().validationProblem(ValidationProblem.Kind.DEPENDENCY_ROLLED_BACK,
                                migration.version(), "Migration " + migration.version() + " ("
                                        + migration.className() + ") is applied but its dependency " + dependency
                                        + " is " + describe(dependencyRecord) + ". Roll back " + migration.version()
                                        + " too (rollback to a version it does not depend on) or apply "
                                        + dependency + " again with migrate(" + javaArgument(dependency) + ") (CLI: migrate "
                                        + "--target " + dependency + ")."));
                    }
                }
            }
        }
        for (Map.Entry<MigrationVersion, List<MigrationVersion>> late : lateDependents.entrySet()) {
            problems.add(outOfOrder(config.byVersion().get(late.getKey()), late.getValue()));
        }
        if (recordsOfKnownMigrations == history.versions().size()) {
            // Every recorded version is known: no need to index the registry (the common, up-to-date case).
            return ApiValues.get().validationReport(problems);
        }
        MigrationVersion latest = latestVersion(config);
        for (MigrationVersion version : unknownAppliedVersions(config, history)) {
            HistoryRow row = history.get(version).lastSettledRow();
            String description = row.description() == null ? "" : " (" + row.description() + ")";
            if (version.compareTo(latest) > 0) {
                problems.add(ApiValues.get().validationProblem(ValidationProblem.Kind.APPLIED_UNKNOWN, version,
                        "Migration " + version + description + " is applied in the database but unknown to this "
                                + "application, whose latest migration is " + latest + ": the database was migrated by "
                                + "a newer version of the application. Deploy that version."));
            } else {
                problems.add(ApiValues.get().validationProblem(ValidationProblem.Kind.APPLIED_DELETED, version,
                        "Migration " + version + description + " is applied in the database, but this application "
                                + "has no migration " + version + " although it has later ones (up to " + latest
                                + "): it was deleted from the code (or renamed to another version). If that was on "
                                + "purpose, record it with forget(" + javaArgument(version) + ") (CLI: forget --version " + version
                                + "): its rows stay in the history and it no longer counts as applied. Otherwise "
                                + "restore the migration."));
            }
        }
        Map<MigrationVersion, MigrationDescriptor> byVersion = config.byVersion();
        for (VersionRecord record : history.versions()) {
            if (!byVersion.containsKey(record.version()) && record.needsRepair()) {
                problems.add(failedProblem(record.version(), "unknown to this application", record.failure()));
            }
        }
        return ApiValues.get().validationReport(problems);
    }

    /** Applied versions the registry does not have, ascending. */
    public static List<MigrationVersion> unknownAppliedVersions(MigratorConfig config, History history) {
        Map<MigrationVersion, MigrationDescriptor> byVersion = config.byVersion();
        List<MigrationVersion> unknown = new ArrayList<>();
        for (VersionRecord record : history.versions()) {
            if (record.isApplied() && !byVersion.containsKey(record.version())) {
                unknown.add(record.version());
            }
        }
        Collections.sort(unknown);
        return unknown;
    }

    /**
     * Throws the most specific exception for the report's problems: a pending repair first (it
     * must be dealt with by hand), then a database newer than the application, then the rest.
     */
    public static void throwIfInvalid(MigratorConfig config, History history, ValidationReport report) {
        if (report.isValid()) {
            return;
        }
        refuseIfAnotherApplication(config, history, report);
        List<ValidationProblem> failed = report.problems(ValidationProblem.Kind.FAILED_MIGRATION);
        if (!failed.isEmpty()) {
            List<MigrationVersion> versions = new ArrayList<>();
            for (ValidationProblem problem : failed) {
                versions.add(problem.version());
            }
            throw ApiValues.get().pendingRepair("Migration(s) " + versions + " failed in an earlier run and may be "
                    + "partly applied (declared transactional = false, or ended the transaction Cairn ran them in), so "
                    + "migrate refuses to continue. Check the database, "
                    + "finish or undo their work by hand, then call repair() and migrate again. Nothing was applied. "
                    + "All problems:", report);
        }
        List<MigrationVersion> unknown = unknownAppliedVersions(config, history);
        if (!unknown.isEmpty()) {
            MigrationVersion latest = latestVersion(config);
            List<MigrationVersion> newer = new ArrayList<>();
            for (MigrationVersion version : unknown) {
                if (version.compareTo(latest) > 0) {
                    newer.add(version);
                }
            }
            if (!newer.isEmpty()) {
                throw ApiValues.get().databaseNewerThanApplication(newer, latest, report);
            }
        }
        throw ApiValues.get().validationFailed(report);
    }

    /**
     * Throws {@link dev.cairn.runtime.DatabaseOfAnotherApplicationException} if the report says the
     * database belongs to another application; for commands that otherwise tolerate problems
     * ({@code repair}).
     */
    public static void refuseIfAnotherApplication(MigratorConfig config, History history, ValidationReport report) {
        if (report.problems(ValidationProblem.Kind.OTHER_APPLICATION).isEmpty()) {
            return;
        }
        Applications.Foreign foreign = Applications.foreign(config, history);
        throw ApiValues.get().databaseOfAnotherApplication(foreign.application(), foreign.versions(),
                config.application(), report);
    }

    /**
     * Only the problems that block migrate even with validation switched off: pending repairs, and
     * a database that belongs to another application.
     */
    public static ValidationReport repairsOnly(ValidationReport report) {
        List<ValidationProblem> blocking = new ArrayList<>(report.problems(ValidationProblem.Kind.OTHER_APPLICATION));
        blocking.addAll(report.problems(ValidationProblem.Kind.FAILED_MIGRATION));
        return ApiValues.get().validationReport(blocking);
    }

    /**
     * {@code version} as a messages' Java call takes it: {@code 7}, or
     * {@code MigrationVersion.parse("1.10")} for a version with parts.
     */
    static String javaArgument(MigrationVersion version) {
        return version.isWhole() ? version.toString() : "MigrationVersion.parse(\"" + version + "\")";
    }

    /** The highest version of the application's migrations; 0 for none. */
    public static MigrationVersion latestVersion(MigratorConfig config) {
        MigrationVersion latest = MigrationVersion.of(0);
        for (MigrationDescriptor migration : config.migrations()) {
            if (migration.version().compareTo(latest) > 0) {
                latest = migration.version();
            }
        }
        return latest;
    }

    private static ValidationProblem failedProblem(MigrationVersion version, String name, HistoryRow failure) {
        String when = failure.installedOn() == null ? "" : " on " + failure.installedOn();
        String error = failure.error() == null ? "" : ": " + failure.error();
        String operation = failure.event() == dev.cairn.runtime.internal.history.HistoryEvent.ROLLBACK_FAILED ? "down()" : "up()";
        if (!failure.nonTransactional()) {
            return ApiValues.get().validationProblem(ValidationProblem.Kind.FAILED_MIGRATION, version, "Migration "
                    + version + " (" + Objects.toString(name) + ") " + failure.error() + " (" + operation + when
                    + "). Part of its work may be committed: check the database, finish or undo its work by hand, "
                    + "then call repair() and migrate again.");
        }
        return ApiValues.get().validationProblem(ValidationProblem.Kind.FAILED_MIGRATION, version, "Migration " + version + " ("
                + Objects.toString(name) + ") is declared transactional = false and its " + operation + " failed"
                + when + error + ". It ran outside a transaction and may be partly applied: check the database, finish "
                + "or undo its work by hand, then call repair() and migrate again.");
    }

    private static ValidationProblem outOfOrder(MigrationDescriptor late, List<MigrationVersion> appliedDependents) {
        String dependents = appliedDependents.size() == 1 ? "migration " + appliedDependents.get(0) + ", which depends on "
                + "it, is" : "migrations " + appliedDependents + ", which depend on it, are";
        return ApiValues.get().validationProblem(ValidationProblem.Kind.OUT_OF_ORDER, late.version(), "Migration "
                + late.version() + " (" + late.className() + ") has never been applied, but " + dependents
                + " applied: it was added after them, out of order (for a folder script: the next script depends on "
                + "the one before it, and " + late.version() + " came late). Nothing was applied. If it may run after "
                + "what is applied, allow that with Migrator.Builder.outOfOrder(true) (CLI: migrate --out-of-order), "
                + "or apply it alone with migrate(" + javaArgument(late.version()) + ") (CLI: migrate --target " + late.version()
                + "); otherwise give it a version above the applied ones.");
    }

    /**
     * An applied migration whose row has no checksum although the code has one: Cairn never writes
     * that, so the row was edited by hand or written by another tool, and nothing tells whether the
     * migration was edited since it was applied.
     */
    /**
     * A batched migration edited after some of its batches committed: the batches done ran the old
     * code, the rest would run the new one, so it is refused like an applied migration's edit.
     */
    private static List<ValidationProblem> editedInProgress(MigrationDescriptor migration, BatchCheckpoint checkpoint) {
        String recorded = checkpoint.checksum();
        String current = migration.checksum().orElse(null);
        if (recorded == null || current == null || recorded.equals(current)) {
            return List.of();
        }
        return List.of(ApiValues.get().validationProblem(ValidationProblem.Kind.CHECKSUM_MISMATCH, migration.version(),
                "Migration " + migration.version() + " (" + migration.className() + ") is a batched migration in "
                        + "progress that was edited after " + checkpoint.batches() + " of its batches committed ("
                        + checkpoint.rowsDone() + " rows, up to key " + checkpoint.lastKey() + "): its checkpoint "
                        + "recorded checksum " + recorded + ", the code has " + current + ". The committed batches "
                        + "ran the old code and the rest would run the new one. Revert the edit and let it finish, "
                        + "then put the change in a new migration; if the edit is deliberate and both codes give the "
                        + "same result, call repair() to record the new checksum and resume."));
    }

    private static ValidationProblem missingChecksum(MigrationDescriptor migration, HistoryRow row, String current) {
        String named = row == null ? "its history row" : "history row " + (row.rank() == 0 ? "" : row.rank() + " ")
                + "(version " + row.version() + ", event " + row.event() + ")";
        return ApiValues.get().validationProblem(ValidationProblem.Kind.CHECKSUM_MISMATCH, migration.version(),
                "Migration " + migration.version() + " (" + migration.className() + ") is applied, but " + named
                        + " has no checksum (NULL) while the code has " + current + ": the row was edited by hand or "
                        + "written by another tool, so Cairn cannot tell whether the migration changed since it was "
                        + "applied. Check that the database matches the migration, then call repair() to record the "
                        + "code's checksum (or fix the row by hand).");
    }

    private static ValidationProblem dependencyRolledBack(MigrationDescriptor pending, MigrationDescriptor rolledBack) {
        boolean direct = false;
        for (MigrationVersion dependency : pending.dependsOn()) {
            direct |= dependency.equals(rolledBack.version());
        }
        String name = pending.version() + " (" + pending.className() + ")";
        String cause = rolledBack.version() + " (" + rolledBack.className() + ")";
        return ApiValues.get().validationProblem(ValidationProblem.Kind.DEPENDENCY_ROLLED_BACK, pending.version(), "Migration "
                + name + " is pending but depends" + (direct ? "" : " through its dependencies") + " on migration "
                + cause + ", which was rolled back, so migrate() leaves both alone. Re-apply " + rolledBack.version()
                + " together with " + pending.version() + " with migrate(" + javaArgument(pending.version()) + ") (CLI: migrate "
                + "--target " + pending.version() + "); or, if " + rolledBack.version() + " must stay rolled back, "
                + "change " + pending.version() + " so that it no longer depends on " + rolledBack.version()
                + ", or take it out of the application until " + rolledBack.version() + " is fixed.");
    }

    private static String describe(VersionRecord record) {
        if (record == null) {
            return "not applied";
        }
        return record.settled() == VersionRecord.Settled.ROLLED_BACK ? "rolled back" : "not applied";
    }
}
