package dev.cairn.runtime;

import dev.cairn.runtime.dialect.Dialect;
import dev.cairn.runtime.dialect.SqliteDialect;
import dev.cairn.runtime.history.History;
import dev.cairn.runtime.history.HistoryTable;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code migrate} and {@code plan}. The startup path is built to be cheap when there is nothing to
 * do: one query on the history table without locking, a hash map, one pass over the registry, no
 * migration class loaded. Only when something is pending does it take the lock, read the history
 * again (another instance may have migrated meanwhile) and apply what is still pending.
 */
final class MigrateCommand extends Command {

    MigrateCommand(MigratorConfig config) {
        super(config);
    }

    MigrationReport migrate(Long target) {
        long start = System.nanoTime();
        return withConnection("migrate", (connection, dialect, table) -> {
            if (target != null) {
                Planner.closure(config, target); // reject an unknown target before touching anything
            }
            History unlocked = readUnlocked(connection, dialect, table);
            if (unlocked != null) {
                check(unlocked, target);
                if (Planner.pending(config, unlocked, target).isEmpty()) {
                    LOG.log(Level.DEBUG, "Database is up to date ({0} migrations)", config.migrations().size());
                    return new MigrationReport(List.of(), Duration.ofNanos(System.nanoTime() - start),
                            skipped(unlocked, target));
                }
            }
            if (config.backupDirectory() != null && dialect instanceof SqliteDialect) {
                SqliteBackups.backupBeforeMigrating(connection, config.backupDirectory(), config.backupRetention());
            }
            List<MigrationDescriptor> skipped = new ArrayList<>();
            List<ExecutedMigration> applied = locked(connection, dialect, table,
                    (locked, lockedDialect, lockedTable, history) -> {
                        skipped.addAll(skipped(history, target));
                        return applyPending(locked, lockedDialect, lockedTable, history, target);
                    });
            return new MigrationReport(applied, Duration.ofNanos(System.nanoTime() - start), skipped);
        });
    }

    MigrationPlan plan(Long target) {
        return withConnection("plan migrations", (connection, dialect, table) -> {
            History history = readOrEmpty(connection, table, false);
            return new MigrationPlan(Planner.pending(config, history, target),
                    Validator.validate(config, history, target),
                    new ArrayList<>(Planner.skipped(config, history, target).keySet()));
        });
    }

    /**
     * The history read without the lock, or null when the table is missing or a writer briefly
     * blocks the read (SQLite): either way the locked path, which waits and reads again, decides.
     */
    private static History readUnlocked(Connection connection, Dialect dialect, HistoryTable table)
            throws SQLException {
        try {
            return table.readIfExists(connection, false);
        } catch (SQLException e) {
            if (dialect.isLockContention(e)) {
                LOG.log(Level.DEBUG, "History table busy; waiting for the migration lock to read it");
                return null;
            }
            throw e;
        }
    }

    private List<ExecutedMigration> applyPending(Connection connection, Dialect dialect, HistoryTable table,
            History history, Long target) throws SQLException {
        check(history, target);
        List<MigrationDescriptor> pending = Planner.pending(config, history, target);
        if (pending.isEmpty()) {
            LOG.log(Level.INFO, "Another instance applied the pending migrations while this one waited for the lock");
            return List.of();
        }
        LOG.log(Level.INFO, "Applying {0} migration(s) to {1}", pending.size(), dialect.name());
        MigrationRunner runner = new MigrationRunner(config, connection, dialect, table, installedBy(connection));
        List<ExecutedMigration> applied = new ArrayList<>();
        if (config.singleTransaction()) {
            applied.addAll(runner.applyAllOrNothing(pending));
        } else {
            for (int i = 0; i < pending.size(); i++) {
                applied.add(runner.apply(pending.get(i)));
                if (runner.takeHistoryMayHaveChanged()) {
                    // A non-transactional migration gave up the lock; continue from what is recorded now.
                    History now = table.readIfExists(connection, false);
                    check(now, target);
                    pending = Planner.pending(config, now, target);
                    i = -1;
                }
            }
        }
        finish(connection, dialect, table);
        return applied;
    }

    /** SQLite's user_version and optional integrity checks, inside the run's transaction. */
    private void finish(Connection connection, Dialect dialect, HistoryTable table) throws SQLException {
        History after = table.readIfExists(connection, false);
        long highest = 0;
        for (dev.cairn.runtime.history.VersionRecord record : after.versions()) {
            if (record.isApplied()) {
                highest = Math.max(highest, record.version());
            }
        }
        dialect.recordHighestVersion(connection, highest);
        if (config.integrityCheck()) {
            List<String> problems = dialect.integrityProblems(connection);
            if (!problems.isEmpty()) {
                throw new IntegrityCheckException(problems);
            }
        }
    }

    /**
     * The rolled-back migrations (and their pending dependents) a call without a target leaves
     * alone, logged at INFO so that nothing is skipped silently.
     */
    private List<MigrationDescriptor> skipped(History history, Long target) {
        List<MigrationDescriptor> skipped = new ArrayList<>(Planner.skipped(config, history, target).keySet());
        if (!skipped.isEmpty()) {
            List<Long> versions = new ArrayList<>();
            for (MigrationDescriptor migration : skipped) {
                versions.add(migration.version());
            }
            LOG.log(Level.INFO, "Skipped, rolled back: {0}. migrate() leaves rolled-back migrations alone; "
                    + "migrate(target) re-applies those the target depends on.", versions);
        }
        return skipped;
    }

    private void check(History history, Long target) {
        ValidationReport report = Validator.validate(config, history, target);
        Validator.throwIfInvalid(config, history, config.validateOnMigrate() ? report : Validator.repairsOnly(report));
    }
}
