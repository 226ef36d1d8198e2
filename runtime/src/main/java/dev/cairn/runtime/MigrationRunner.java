package dev.cairn.runtime;

import dev.cairn.runtime.dialect.Dialect;
import dev.cairn.runtime.history.HistoryEvent;
import dev.cairn.runtime.history.HistoryRow;
import dev.cairn.runtime.history.HistoryTable;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs migrations on a locked connection: each one and its history row as one unit of work, the
 * failure recorded in a unit of its own, listeners told before and after.
 */
final class MigrationRunner {

    private static final System.Logger LOG = System.getLogger("dev.cairn");

    private final MigratorConfig config;
    private final Connection connection;
    private final Dialect dialect;
    private final HistoryTable table;
    private final String installedBy;
    private final Listeners listeners;
    private boolean historyMayHaveChanged;

    MigrationRunner(MigratorConfig config, Connection connection, Dialect dialect, HistoryTable table,
            String installedBy) {
        this.config = config;
        this.connection = connection;
        this.dialect = dialect;
        this.table = table;
        this.installedBy = installedBy;
        this.listeners = new Listeners(config.listeners());
    }

    /**
     * Whether, since the last call, a non-transactional migration gave up the lock for a while so
     * that another instance may have changed the history.
     */
    boolean takeHistoryMayHaveChanged() {
        boolean changed = historyMayHaveChanged;
        historyMayHaveChanged = false;
        return changed;
    }

    /** Applies one migration: {@code up}, then {@code verify}, then its history row. */
    ExecutedMigration apply(MigrationDescriptor migration) throws SQLException {
        return run(migration, true);
    }

    /** Undoes one migration: {@code down}, then its history row. */
    ExecutedMigration rollback(MigrationDescriptor migration) throws SQLException {
        return run(migration, false);
    }

    /** Applies all migrations in one unit of work: if one fails, none of them stays. */
    List<ExecutedMigration> applyAllOrNothing(List<MigrationDescriptor> migrations) throws SQLException {
        for (MigrationDescriptor migration : migrations) {
            if (!migration.transactional()) {
                throw new CairnException("Migration " + migration.version() + " (" + migration.className()
                        + ") is declared transactional = false, so it cannot run in singleTransaction mode. Nothing "
                        + "was applied. Turn singleTransaction off, or apply it first with migrate("
                        + migration.version() + ") without singleTransaction.");
            }
        }
        List<ExecutedMigration> executed = new ArrayList<>();
        dialect.beginUnit(connection);
        for (MigrationDescriptor migration : migrations) {
            notifyBefore(migration);
            long start = System.nanoTime();
            Throwable failure = null;
            String phase = "up()";
            try {
                JavaMigration instance = migration.newInstance();
                MigrationContext context = new DefaultMigrationContext(connection, migration, listeners);
                instance.up(context);
                phase = "verify()";
                instance.verify(context);
            } catch (Exception | AssertionError | LinkageError e) {
                failure = e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (failure != null) {
                dialect.rollbackUnit(connection);
                recordFailure(migration, HistoryEvent.APPLY_FAILED, took, failure);
                throw failed(migration, phase, failure, "All " + migrations.size() + " migrations of this run were "
                        + "rolled back together (singleTransaction), so the database is as it was before the run. "
                        + "Fix the migration and run migrate again.");
            }
            table.append(connection, row(migration, HistoryEvent.APPLY, took, null));
            executed.add(new ExecutedMigration(migration, took));
        }
        dialect.commitUnit(connection);
        for (ExecutedMigration done : executed) {
            notifyAfter(done.migration(), done.executionTime(), "Applied");
        }
        return executed;
    }

    private ExecutedMigration run(MigrationDescriptor migration, boolean up) throws SQLException {
        notifyBefore(migration);
        boolean transactional = migration.transactional();
        if (transactional) {
            dialect.beginUnit(connection);
        } else {
            dialect.suspendForNonTransactional(connection);
        }
        long start = System.nanoTime();
        Throwable failure = null;
        String phase = up ? "up()" : "down()";
        try {
            JavaMigration instance = migration.newInstance();
            MigrationContext context = new DefaultMigrationContext(connection, migration, listeners);
            if (up) {
                instance.up(context);
                phase = "verify()";
                instance.verify(context);
            } else {
                instance.down(context);
            }
        } catch (Exception | AssertionError | LinkageError e) {
            failure = e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (failure == null) {
            if (!transactional) {
                resume();
            }
            dialect.beginUnit(connection);
            table.append(connection, row(migration, up ? HistoryEvent.APPLY : HistoryEvent.ROLLBACK, took, null));
            dialect.commitUnit(connection);
            notifyAfter(migration, took, up ? "Applied" : "Rolled back");
            return new ExecutedMigration(migration, took);
        }
        if (transactional) {
            dialect.rollbackUnit(connection);
        } else {
            resume();
        }
        recordFailure(migration, up ? HistoryEvent.APPLY_FAILED : HistoryEvent.ROLLBACK_FAILED, took, failure);
        String consequence;
        if (!transactional) {
            consequence = "It is declared transactional = false, so it ran outside a transaction and may be partly "
                    + "applied. Check the database and finish or undo its work by hand, then call repair() and run "
                    + (up ? "migrate" : "rollback") + " again; until then migrate refuses to run.";
        } else if (up) {
            consequence = "Its changes and its history row were rolled back; migrations applied before it stay applied "
                    + "and later ones were not run. The failure is recorded in the history table. Fix the migration "
                    + "(or the data it trips over) and run migrate again.";
        } else {
            consequence = "Its changes were rolled back, so it is still applied; migrations rolled back before it stay "
                    + "rolled back. Fix its down() and run rollback again.";
        }
        throw failed(migration, phase, failure, consequence);
    }

    private void resume() throws SQLException {
        if (dialect.resumeAfterNonTransactional(connection, table.name(), config.lockTimeout())) {
            historyMayHaveChanged = true;
        }
    }

    private void recordFailure(MigrationDescriptor migration, HistoryEvent event, Duration took, Throwable failure)
            throws SQLException {
        dialect.beginUnit(connection);
        table.append(connection, row(migration, event, took, Command.describe(failure)));
        dialect.commitUnit(connection);
        LOG.log(Level.ERROR, "Migration " + migration + " (" + migration.className() + ") failed: "
                + Command.describe(failure), failure);
        listeners.failed(migration, failure);
    }

    private MigrationFailedException failed(MigrationDescriptor migration, String phase, Throwable failure,
            String consequence) {
        return new MigrationFailedException(migration.version(), migration.className(), "Migration "
                + migration.version() + " (" + migration.className() + ") failed in " + phase + ": "
                + Command.describe(failure) + ". " + consequence, failure);
    }

    HistoryRow row(MigrationDescriptor migration, HistoryEvent event, Duration took, String error) {
        return new HistoryRow(0, migration.version(), migration.description(),
                migration.transactional() ? HistoryRow.TYPE_JAVA : HistoryRow.TYPE_JAVA_NON_TRANSACTIONAL, event,
                event == HistoryEvent.ROLLBACK ? null : migration.checksum().orElse(null), installedBy, Instant.now(),
                took.toMillis(), error);
    }

    private void notifyBefore(MigrationDescriptor migration) {
        listeners.before(migration);
    }

    private void notifyAfter(MigrationDescriptor migration, Duration took, String verb) {
        LOG.log(Level.INFO, "{0} migration {1} ({2}) in {3} ms", verb, migration, migration.className(),
                took.toMillis());
        listeners.after(migration, took);
    }
}
