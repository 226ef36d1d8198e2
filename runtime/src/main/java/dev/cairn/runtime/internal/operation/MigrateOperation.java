package dev.cairn.runtime.internal.operation;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.ExecutedMigration;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationPlan;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.ValidationProblem;
import dev.cairn.runtime.ValidationReport;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.dialect.Dialect;
import dev.cairn.runtime.internal.dialect.SchemaObject;
import dev.cairn.runtime.internal.dialect.SqliteDialect;
import dev.cairn.runtime.internal.history.History;
import dev.cairn.runtime.internal.history.HistoryRow;
import dev.cairn.runtime.internal.history.HistoryTable;
import dev.cairn.runtime.internal.history.VersionRecord;
import dev.cairn.runtime.internal.plan.Plan;
import dev.cairn.runtime.internal.plan.Planner;
import dev.cairn.runtime.internal.plan.Validator;
import dev.cairn.runtime.internal.plan.Verification;
import dev.cairn.runtime.internal.run.MigrationRunner;
import dev.cairn.runtime.internal.run.SqlScripts;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code migrate} and {@code plan}. The startup path is built to be cheap when there is nothing to
 * do. With a registry fingerprint (the generated registry has one) and a latest history row that
 * verified it ({@link Verification}), it is one query for one row and builds no descriptor (on
 * PostgreSQL without a configured history schema, after the one that settles the schema).
 * Otherwise it is one query on the whole history without locking, a hash map, one pass over the
 * registry, no migration class loaded; if that finds the database complete and valid, it records a
 * verification row so that the next start is the one-row kind. Only when something is pending does
 * it take the lock, read the history again (another instance may have migrated meanwhile) and apply
 * what is still pending.
 */
public final class MigrateOperation extends Operation {

    /**
     * How long an up-to-date start waits for the lock to record a verification row: the row only
     * saves time at the next start, so it is not worth waiting out another instance's long run.
     */
    private static final Duration VERIFICATION_LOCK_TIMEOUT = Duration.ofSeconds(2);

    public MigrateOperation(MigratorConfig config) {
        super(config);
    }

    public MigrationReport migrate(MigrationVersion target) {
        long start = System.nanoTime();
        // Rejects an unknown target before touching anything; the closure is worked out this once.
        Set<MigrationVersion> scope = target == null ? null : Planner.closure(config, target);
        return withConnection("migrate", (connection, dialect, table) -> {
            String fingerprint = config.registry().fingerprint().orElse(null);
            // A table seen missing as the operation began (a fresh database) is not read before the lock.
            boolean seenMissing = table.seenMissing();
            if (fingerprint != null && !seenMissing && Verification.confirms(readLatestUnlocked(connection, dialect,
                    table), fingerprint)) {
                // Nothing was written to the history since it was found complete and valid for this very
                // registry: no descriptor needs to be built or compared.
                LOG.log(Level.DEBUG, "Database is up to date: its latest history row verified this registry");
                return report(List.of(), start, List.of());
            }
            History unlocked = seenMissing ? null : readUnlocked(connection, dialect, table);
            if (NonEmptyDatabase.applies(config, unlocked)) {
                refuseIfNonEmptyUnlocked(connection, dialect, table);
            }
            Plan unlockedPlan = null;
            if (unlocked != null && !anyNeedsRepair(unlocked)) {
                unlockedPlan = Planner.plan(config, unlocked, scope);
                check(unlockedPlan);
                if (unlockedPlan.pending().isEmpty()) {
                    LOG.log(Level.DEBUG, "Database is up to date ({0} migrations)", config.migrations().size());
                    logSkipped(unlockedPlan);
                    if (fingerprint != null && Verification.isDue(config, unlocked, fingerprint)) {
                        recordVerificationUnderLock(connection, dialect, table, fingerprint);
                    }
                    return report(List.of(), start, unlockedPlan.skipped());
                }
            }
            Plan checkedPlan = unlockedPlan;
            List<MigrationDescriptor> skipped = new ArrayList<>();
            List<MigrationDescriptor> unfinished = new ArrayList<>();
            List<MigrationDescriptor> waiting = new ArrayList<>();
            List<ExecutedMigration> applied = locked(connection, dialect, table,
                    (locked, lockedDialect, lockedTable, history) -> {
                        // Checked again where no other instance writes (the unlocked check may have been skipped).
                        List<SchemaObject> found = NonEmptyDatabase.find(config, locked, lockedDialect, lockedTable,
                                history);
                        if (!found.isEmpty()) {
                            throw NonEmptyDatabase.refusal(config, lockedDialect, lockedTable, found);
                        }
                        // Another instance may have written the history while this one waited for the lock.
                        Plan plan = checkedPlan != null && checkedPlan.isFor(history) ? checkedPlan
                                : check(Planner.plan(config, history, scope));
                        logSkipped(plan);
                        skipped.addAll(plan.skipped());
                        backupIfConfigured(locked, lockedDialect, plan);
                        return applyPending(locked, lockedDialect, lockedTable, plan, scope, unfinished, waiting);
                    });
            return ApiValues.get().migrationReport(applied, Duration.ofNanos(System.nanoTime() - start), skipped,
                    unfinished, waiting);
        });
    }

    /**
     * The SQLite snapshot, taken under the lock, after the history was read again and the plan
     * checked, and only if this run will apply something: so it is the state before this run.
     * Taken before the lock, as it once was, instances starting while another one ran took
     * snapshots of its half-applied work and pruned away the one from before the deploy.
     */
    private void backupIfConfigured(Connection connection, Dialect dialect, Plan plan) {
        if (config.backupDirectory() != null && dialect instanceof SqliteDialect && !plan.pending().isEmpty()) {
            ApiValues.get().backupBeforeMigrating(connection, config.backupDirectory(), config.backupRetention());
        }
    }

    /** The placeholders a plan's scripts show: the configured ones; built-ins as written, having no connection. */
    private dev.cairn.runtime.internal.sql.Placeholders planPlaceholders() {
        return dev.cairn.runtime.internal.sql.Placeholders.of(config.placeholders(), config.placeholderReplacement())
                .withBuiltIns(name -> name.startsWith("flyway:") ? "${" + name + "}" : null);
    }

    public MigrationPlan plan(MigrationVersion target) {
        Set<MigrationVersion> scope = target == null ? null : Planner.closure(config, target);
        return withConnection("plan migrations", (connection, dialect, table) -> {
            History history = readOrEmpty(connection, table, false);
            Plan plan = Planner.plan(config, history, scope);
            List<SchemaObject> found = NonEmptyDatabase.find(config, connection, dialect, table, history);
            if (!found.isEmpty()) {
                // migrate would refuse: nothing is to be applied until the database is adopted.
                return ApiValues.get().migrationPlan(List.of(), NonEmptyDatabase.withProblem(plan.validation(),
                        NonEmptyDatabase.problem(config, dialect, table, found)), List.of(), migration -> SqlScripts.statements(migration, false, planPlaceholders()));
            }
            if (!plan.validation().problems(ValidationProblem.Kind.OTHER_APPLICATION).isEmpty()) {
                // migrate would refuse: this application has nothing to apply to another one's database.
                return ApiValues.get().migrationPlan(List.of(), plan.validation(), List.of(), migration -> SqlScripts.statements(migration, false, planPlaceholders()));
            }
            return ApiValues.get().migrationPlan(plan.pending(), plan.validation(), plan.skipped(), migration -> SqlScripts.statements(migration, false, planPlaceholders()));
        });
    }

    private static MigrationReport report(List<ExecutedMigration> applied, long start,
            List<MigrationDescriptor> skipped) {
        return ApiValues.get().migrationReport(applied, Duration.ofNanos(System.nanoTime() - start), skipped);
    }

    /**
     * Refuses a non-empty database without Cairn history before anything is done (not even the
     * history table created, nor a backup taken). Without the lock, so the order matters: the
     * objects are read first, then the history again. Cairn commits a migration's objects together
     * with its history row, so if the objects seen are another instance's work, the second read
     * sees its rows, and this instance goes on to wait for the lock instead of refusing. A busy
     * SQLite leaves the decision to the same check under the lock.
     */
    private void refuseIfNonEmptyUnlocked(Connection connection, Dialect dialect, HistoryTable table)
            throws SQLException {
        List<SchemaObject> found;
        try {
            found = NonEmptyDatabase.objects(connection, dialect, table);
            if (found.isEmpty() || !NonEmptyDatabase.applies(config, table.readIfExists(connection, false))) {
                return;
            }
        } catch (SQLException e) {
            if (dialect.isLockContention(e)) {
                return;
            }
            throw e;
        }
        throw NonEmptyDatabase.refusal(config, dialect, table, found);
    }

    /**
     * The latest history row read without the lock, or null when the table is missing or empty,
     * or a writer briefly blocks the read or keeps changing the schema under it (SQLite): the full
     * path then decides, as without a fingerprint.
     */
    private static HistoryRow readLatestUnlocked(Connection connection, Dialect dialect, HistoryTable table)
            throws SQLException {
        try {
            return table.readLatestIfExists(connection);
        } catch (SQLException e) {
            if (dialect.isLockContention(e) || dialect.isSchemaChanged(e)) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The first start after a deploy that changed nothing (or after upgrading Cairn) found the
     * database complete and valid without a verification row: take the lock briefly, check again
     * on the history read under it (every history writer holds the lock, so this is sound) and
     * record one. It is an optimisation for the next start, so failing to record it (a read-only
     * database user, another instance holding the lock for long) is logged and does not fail this
     * start.
     */
    private void recordVerificationUnderLock(Connection connection, Dialect dialect, HistoryTable table,
            String fingerprint) {
        Duration timeout = config.lockTimeout().compareTo(VERIFICATION_LOCK_TIMEOUT) < 0
                ? config.lockTimeout() : VERIFICATION_LOCK_TIMEOUT;
        try {
            locked(connection, dialect, table, timeout, (locked, lockedDialect, lockedTable, history) -> {
                recordVerification(locked, lockedDialect, lockedTable, history, fingerprint);
                return null;
            });
        } catch (SQLException | CairnException e) {
            logVerificationNotRecorded(table, e);
        }
    }

    /**
     * Under the lock: appends the verification row in a short transaction of its own if the
     * history qualifies. A failure is rolled back and logged; the migrations are unaffected.
     */
    private void recordVerification(Connection connection, Dialect dialect, HistoryTable table, History history,
            String fingerprint) throws SQLException {
        if (!Verification.isDue(config, history, fingerprint)) {
            return;
        }
        HistoryRow row = Verification.row(config, fingerprint, installedBy(connection));
        dialect.beginUnit(connection);
        try {
            table.append(connection, row);
            dialect.commitUnit(connection);
            LOG.log(Level.DEBUG, "Recorded: {0}", row.description());
        } catch (SQLException e) {
            try {
                dialect.rollbackUnit(connection);
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            logVerificationNotRecorded(table, e);
        }
    }

    private static void logVerificationNotRecorded(HistoryTable table, Exception failure) {
        LOG.log(Level.INFO, "The database is up to date, but Cairn could not record that in " + table.name() + " ("
                + describe(failure) + "), so the next start reads the whole history again. This start is not "
                + "affected. To make up-to-date starts read one history row, let the database user take the "
                + "migration lock and write " + table.name() + ", as migrate needs anyway when something is pending.");
    }

    /**
     * Whether a non-transactional migration's failure (or interruption marker) is recorded. Read
     * without the lock, that may be another instance's migration still running, so only the
     * locked path, which reads the history again, may refuse for it.
     */
    private static boolean anyNeedsRepair(History history) {
        for (VersionRecord record : history.versions()) {
            if (record.needsRepair()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The history read without the lock, or null when the table is missing or a writer briefly
     * blocks the read or keeps changing the schema under it (SQLite: another instance running DDL
     * migrations): either way the locked path, which waits and reads again, decides.
     */
    private static History readUnlocked(Connection connection, Dialect dialect, HistoryTable table)
            throws SQLException {
        try {
            return table.readIfExists(connection, false);
        } catch (SQLException e) {
            if (dialect.isLockContention(e) || dialect.isSchemaChanged(e)) {
                // Busy, or another instance's schema changes kept invalidating the read (SQLITE_SCHEMA).
                LOG.log(Level.DEBUG, "History table busy; waiting for the migration lock to read it");
                return null;
            }
            throw e;
        }
    }

    /** Under the lock: applies the checked plan's pending migrations, each in its own transaction unless configured otherwise. */
    private List<ExecutedMigration> applyPending(Connection connection, Dialect dialect, HistoryTable table,
            Plan plan, Set<MigrationVersion> scope, List<MigrationDescriptor> unfinished,
            List<MigrationDescriptor> waiting) throws SQLException {
        List<MigrationDescriptor> pending = plan.pending();
        if (pending.isEmpty()) {
            LOG.log(Level.INFO, "Another instance applied the pending migrations while this one waited for the lock");
            recordVerificationIfFingerprinted(connection, dialect, table, plan.history());
            return List.of();
        }
        MigrationRunner runner = new MigrationRunner(config, connection, dialect, table, installedBy(connection));
        SqlScripts.checkBeforeRun(pending, false, runner.placeholders());
        checkStorable(dialect, pending);
        LOG.log(Level.INFO, "Applying {0} migration(s) to {1}", pending.size(), dialect.name());
        long runStart = System.nanoTime();
        List<ExecutedMigration> applied = new ArrayList<>();
        if (config.singleTransaction()) {
            applied.addAll(runner.applyAllOrNothing(pending));
        } else {
            Long batchDeadline = config.batchTimeLimit() == null ? null
                    : System.nanoTime() + config.batchTimeLimit().toNanos();
            // Versions a batch time limit left unfinished, and the pending ones that wait for them.
            Set<MigrationVersion> held = new java.util.HashSet<>();
            for (int i = 0; i < pending.size(); i++) {
                MigrationDescriptor migration = pending.get(i);
                if (unfinished.contains(migration) || waiting.contains(migration)) {
                    continue; // the plan was worked out again after a non-transactional migration
                }
                if (dependsOnAny(migration, held)) {
                    // Pending is in dependency order, so what this one depends on was seen before it.
                    if (!migration.repeatable()) {
                        held.add(migration.version());
                    }
                    waiting.add(migration);
                    continue;
                }
                ExecutedMigration done = runner.apply(migration, batchDeadline);
                if (done == null) {
                    held.add(migration.version());
                    unfinished.add(migration);
                    continue;
                }
                applied.add(done);
                if (runner.takeHistoryMayHaveChanged()) {
                    // A non-transactional migration gave up the lock: the history may have changed, so
                    // work out the plan again from what is recorded now.
                    pending = check(Planner.plan(config, table.readIfExists(connection, false), scope)).pending();
                    i = -1;
                }
            }
        }
        if (!waiting.isEmpty()) {
            LOG.log(Level.INFO, "Waiting for unfinished batched migrations {0}: {1}", unfinished, waiting);
        }
        finish(connection, dialect, table);
        LOG.log(Level.INFO, "Applied {0} migration(s) to {1} in {2} ms", applied.size(), dialect.name(),
                (System.nanoTime() - runStart) / 1_000_000);
        return applied;
    }

    private static boolean dependsOnAny(MigrationDescriptor migration, Set<MigrationVersion> versions) {
        if (versions.isEmpty()) {
            return false;
        }
        for (MigrationVersion dependency : migration.dependsOn()) {
            if (versions.contains(dependency)) {
                return true;
            }
        }
        return false;
    }

    private void recordVerificationIfFingerprinted(Connection connection, Dialect dialect, HistoryTable table,
            History history) throws SQLException {
        String fingerprint = config.registry().fingerprint().orElse(null);
        if (fingerprint != null) {
            recordVerification(connection, dialect, table, history, fingerprint);
        }
    }

    /**
     * The end of the run, still under the lock and after every migration is committed: the optional
     * integrity checks, then SQLite's user_version and the VERIFIED row (when the history now
     * qualifies) in ONE short transaction, a sync fewer per run than a transaction each (a fleet
     * pays it per tenant). A finding of the integrity checks fails the run without undoing the
     * migrations, after user_version is recorded, and leaves no VERIFIED row; a VERIFIED row that
     * cannot be written is logged and the user_version is recorded alone, as before.
     */
    private void finish(Connection connection, Dialect dialect, HistoryTable table) throws SQLException {
        History after = table.readIfExists(connection, false);
        List<String> problems = config.integrityCheck() ? dialect.integrityProblems(connection) : List.of();
        String fingerprint = config.registry().fingerprint().orElse(null);
        HistoryRow verified = problems.isEmpty() && fingerprint != null
                && Verification.isDue(config, after, fingerprint)
                ? Verification.row(config, fingerprint, installedBy(connection)) : null;
        dialect.beginUnit(connection);
        dialect.recordHighestVersion(connection, after.highestAppliedVersion());
        if (verified != null) {
            try {
                table.append(connection, verified);
            } catch (SQLException e) {
                try {
                    dialect.rollbackUnit(connection);
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                logVerificationNotRecorded(table, e);
                dialect.beginUnit(connection);
                dialect.recordHighestVersion(connection, after.highestAppliedVersion());
                verified = null;
            }
        }
        dialect.commitUnit(connection);
        if (verified != null) {
            LOG.log(Level.DEBUG, "Recorded: {0}", verified.description());
        }
        if (!problems.isEmpty()) {
            throw ApiValues.get().integrityCheckFailed(problems);
        }
    }

    /**
     * Logs the rolled-back migrations (and their pending dependents) a call without a target leaves
     * alone, at INFO, so that nothing is skipped silently.
     */
    private static void logSkipped(Plan plan) {
        if (plan.heldBack().isEmpty()) {
            return;
        }
        List<MigrationVersion> versions = new ArrayList<>();
        for (MigrationDescriptor migration : plan.heldBack().keySet()) {
            versions.add(migration.version());
        }
        LOG.log(Level.INFO, "Skipped, rolled back: {0}. migrate() leaves rolled-back migrations alone; "
                + "migrate(target) re-applies those the target depends on.", versions);
    }

    /** Refuses to go on when the plan's history has problems; with validation off, only pending repairs count. */
    private Plan check(Plan plan) {
        ValidationReport report = plan.validation();
        Validator.throwIfInvalid(config, plan.history(), config.validateOnMigrate() ? report : Validator.repairsOnly(report));
        return plan;
    }
}
