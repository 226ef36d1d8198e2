package dev.cairn.runtime.internal.operation;

import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.IntegrityCheckException;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.Failures;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.dialect.Dialect;
import dev.cairn.runtime.internal.dialect.OperationStart;
import dev.cairn.runtime.internal.dialect.Dialects;
import dev.cairn.runtime.internal.history.History;
import dev.cairn.runtime.internal.history.HistoryTable;
import dev.cairn.runtime.internal.sql.CompiledScriptCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * What every command shares: one connection per operation (returned to the DataSource in the state
 * it came in), the dialect, the history table with its schema settled before anything runs, and
 * running work under the migration lock with the history re-read after the lock is taken.
 */
public abstract class Operation {

    static final System.Logger LOG = System.getLogger("dev.cairn");

    final MigratorConfig config;

    /**
     * Refuses, before connecting, a registry that no longer matches the SQL scripts on the class path
     * ({@link CompiledScriptCheck}): every operation, the one-row up-to-date start included, would
     * otherwise work from a stale build.
     */
    public Operation(MigratorConfig config) {
        this.config = config;
        CompiledScriptCheck.check(config.registry());
    }

    /** Work on an open connection. */
    public interface Work<T> {
        T run(Connection connection, Dialect dialect, HistoryTable table) throws SQLException;
    }

    /** Work under the lock, given the history as read after taking it. */
    public interface LockedWork<T> {
        T run(Connection connection, Dialect dialect, HistoryTable table, History history) throws SQLException;
    }

    /**
     * Opens a connection, settles the history table's schema ({@link Dialect#historySchema}: the
     * configured one, else where the table is, else where it would be created) once for the whole
     * operation, prepares the connection ({@link Dialect#beginOperation}: on SQLite every wait is
     * bounded by the lock timeout), runs the work, restores what it changed (auto-commit, the busy
     * timeout) and closes it.
     */
    public final <T> T withConnection(String operation, Work<T> work) {
        Connection connection;
        try {
            connection = config.dataSource().getConnection();
        } catch (SQLException e) {
            throw new CairnException("Cairn could not connect to " + config.dataSourceDescription() + " to " + operation
                    + ": " + describe(e) + ". Check that the database is reachable and the credentials are right.", e);
        }
        if (connection == null) {
            // JDBC drivers answer null for a URL that is not theirs, and some DataSources pass that on.
            throw new CairnException("The DataSource " + config.dataSourceDescription()
                    + " returned no connection (getConnection() gave null), so Cairn could not " + operation
                    + ". This is what a DataSource does when its driver does not accept its URL: check the URL it "
                    + "was given (for example, SQLiteDataSource needs jdbc:sqlite:<file>, PostgreSQL's needs "
                    + "jdbc:postgresql://host/database).");
        }
        Dialect[] detected = new Dialect[1];
        try (Connection open = connection) {
            boolean autoCommit = open.getAutoCommit();
            if (!autoCommit) {
                // Reads run in auto-commit, so that a failed probe (history table missing) cannot leave
                // a PostgreSQL transaction aborted; locked work manages its own transactions.
                open.setAutoCommit(true);
            }
            try {
                Dialect dialect = Dialects.detect(open, config.dataSource());
                detected[0] = dialect;
                OperationStart start = dialect.beginOperation(open, config.lockTimeout(), config.historySchema(),
                        config.historyTable());
                try {
                    return work.run(open, dialect, new HistoryTable(start.schema(), config.historyTable(), dialect,
                            config.application(), config::hasBatchedMigrations, start.historySeenMissing()));
                } finally {
                    endOperation(open, dialect, start.saved());
                }
            } finally {
                if (!open.isClosed() && open.getAutoCommit() != autoCommit) {
                    open.setAutoCommit(autoCommit);
                }
            }
        } catch (SQLException e) {
            throw failed(operation, detected[0], e);
        }
    }

    /** {@link Dialect#endOperation}; a failure there is logged, never put in place of the operation's outcome. */
    private static void endOperation(Connection connection, Dialect dialect, String saved) {
        try {
            if (!connection.isClosed()) {
                dialect.endOperation(connection, saved);
            }
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "Cairn could not restore the connection's settings after its "
                    + "operation", e);
        }
    }

    /**
     * The failure of an operation outside any migration, named for what the database said: only a
     * refusal for lack of a right suggests permissions.
     */
    private CairnException failed(String operation, Dialect dialect, SQLException e) {
        String what = "Cairn could not " + operation + " (history table " + config.historyTable() + ", "
                + config.dataSourceDescription() + "): " + describe(e) + ". ";
        if (dialect == null || dialect.isPermissionDenied(e)) {
            return new CairnException(what + "Check the connection and that the database user may read and write "
                    + "the history table.", e);
        }
        if (dialect.isLockContention(e)) {
            return ApiValues.get().lockTimeout(what + "Another connection held a lock on the database for longer than "
                    + "Cairn waits (the lock timeout, " + config.lockTimeout().toMillis() + " ms): stop the "
                    + "application's own long reads and writes while migrating, or raise Migrator.Builder.lockTimeout, "
                    + "then run again.", e);
        }
        if (dialect.isConnectionLost(e)) {
            return new CairnException(what + "The connection to the database was lost: check the database server and "
                    + "the network, then run again.", e);
        }
        return new CairnException(what + "Check what the database reports and that the connection points at the "
                + "intended database, then run again.", e);
    }

    /**
     * Takes the migration lock, creates the history table if missing, reads the history (what other
     * instances did while we waited is now visible), runs the work and releases the lock.
     * A {@link MigrationFailedException} or {@link IntegrityCheckException} commits what is
     * recorded (earlier migrations and the failure row); any other failure rolls back what is
     * still open.
     */
    public final <T> T locked(Connection connection, Dialect dialect, HistoryTable table, LockedWork<T> work)
            throws SQLException {
        return locked(connection, dialect, table, config.lockTimeout(), work);
    }

    /** {@link #locked(Connection, Dialect, HistoryTable, LockedWork)}, waiting at most {@code timeout} for the lock. */
    public final <T> T locked(Connection connection, Dialect dialect, HistoryTable table, Duration timeout,
            LockedWork<T> work) throws SQLException {
        dialect.lock(connection, table.name(), timeout);
        boolean commit = false;
        CairnException failure = null;
        try {
            createTable(connection, dialect, table);
            table.checkColumns(connection); // a table of that name made by someone else: refuse before anything runs
            upgradeIfNeeded(connection, dialect, table);
            History history = table.readIfExists(connection, false);
            T result = work.run(connection, dialect, table, history);
            commit = true;
            return result;
        } catch (MigrationFailedException | IntegrityCheckException e) {
            // Both come after what is recorded (earlier migrations, the failure row) was meant to stay.
            commit = true;
            failure = e;
            throw e;
        } finally {
            try {
                dialect.unlock(connection, table.name(), commit);
            } catch (SQLException unlockFailure) {
                if (failure != null) {
                    // The migration's failure says what happened (a lost connection fails the unlock too).
                    failure.addSuppressed(unlockFailure);
                } else if (commit) {
                    throw unlockFailure;
                }
                // The failure thrown carries the trace (as a suppressed exception); the log says it once.
                LOG.log(System.Logger.Level.WARNING, "Releasing the migration lock after a failure failed too: "
                        + describe(unlockFailure));
            }
        }
    }

    /**
     * Under the lock: brings a history table made by an earlier Cairn to the current layout (the
     * later columns it lacks), in a unit of its own, before anything is recorded.
     */
    private static void upgradeIfNeeded(Connection connection, Dialect dialect, HistoryTable table)
            throws SQLException {
        List<String> statements = table.upgradeStatements();
        dialect.beginUnit(connection);
        try {
            List<String> added = table.upgradeIfNeeded(connection);
            if (!added.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "Added the column(s) " + String.join(", ", added)
                        + " to the history table " + table.name() + ", made by an earlier Cairn version");
            }
            dialect.commitUnit(connection);
        } catch (SQLException e) {
            try {
                dialect.rollbackUnit(connection);
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw new CairnException("Cairn could not add the later columns to the history table " + table.name()
                    + ", which an earlier Cairn version made without them: " + describe(e) + ". Nothing was applied."
                    + " Let the database user alter the table (it must own it on PostgreSQL), or add the columns"
                    + " yourself: " + String.join("; ", statements) + ".", e);
        }
    }

    /**
     * Creates the history table if missing, in a unit of its own. Its COMMIT can wait for another
     * connection (SQLite in rollback-journal mode: an application's reader holds the database), up
     * to the lock timeout set by {@link Dialect#lock}; past it, that is a lock timeout.
     */
    private void createTable(Connection connection, Dialect dialect, HistoryTable table) throws SQLException {
        try {
            dialect.beginUnit(connection);
            table.createIfMissing(connection);
            dialect.commitUnit(connection);
        } catch (SQLException e) {
            if (!dialect.isLockContention(e)) {
                throw e;
            }
            throw ApiValues.get().lockTimeout("Another connection held a lock on the database for longer than the "
                    + "lock timeout (" + config.lockTimeout().toMillis() + " ms), so Cairn could not create or check its "
                    + "history table " + table.name() + " (" + describe(e) + "). Nothing was applied. A long read or "
                    + "write of the application's own holds the database (in SQLite's rollback-journal mode a reader "
                    + "blocks every COMMIT): stop it while migrating, or raise Migrator.Builder.lockTimeout, then run "
                    + "again.", e);
        }
    }

    /**
     * Refuses, before anything runs, migrations whose description the database cannot store in
     * the history table (on PostgreSQL a NUL character): found only by the history insert, that
     * failure would come after the migration's work and blame the table's permissions.
     */
    public static void checkStorable(Dialect dialect, List<MigrationDescriptor> migrations) {
        for (MigrationDescriptor migration : migrations) {
            String reason = dialect.unstorable(migration.description());
            if (reason != null) {
                throw new CairnException("Migration " + migration.version() + " (" + migration.className()
                        + ") has a description containing " + reason + ", which " + dialect.name()
                        + " cannot store in the history table. Nothing was applied. Remove the character from the "
                        + "migration's description (its @Migration description, or its SQL script's file name) and "
                        + "build again.");
            }
        }
    }

    /**
     * The history as it is now, without locking; empty when the table does not exist. For an
     * operation's first read: a table seen missing when it began is not read (see
     * {@link HistoryTable#seenMissing()}).
     */
    public static History readOrEmpty(Connection connection, HistoryTable table, boolean details) throws SQLException {
        History history = table.seenMissing() ? null : table.readIfExists(connection, details);
        return history == null ? History.empty() : history;
    }

    /** Who to record: the configured name, else the database user, else the operating system user. */
    public final String installedBy(Connection connection) throws SQLException {
        if (config.installedBy() != null) {
            return config.installedBy();
        }
        String user = connection.getMetaData().getUserName();
        if (user == null || user.isBlank()) {
            user = System.getProperty("user.name", "unknown");
        }
        return user;
    }

    /** {@link Failures#describe}, for the operations' messages. */
    public static String describe(Throwable failure) {
        return Failures.describe(failure);
    }
}
