package dev.cairn.runtime.internal.dialect;

import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.internal.ApiValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * H2's migration lock. H2 has no session lock (no {@code pg_advisory_lock}, no {@code GET_LOCK}),
 * and a row lock taken on the migrating connection would end at the first migration's commit. So
 * the lock is a row lock, {@code SELECT ... FOR UPDATE} on row 1 of the lock table
 * {@code <history table>_lock}, held in an open transaction on a connection of its own, taken from
 * the same DataSource, for the whole run. Whoever wants the lock waits in H2's own row-lock wait,
 * bounded by the lock timeout ({@code SET LOCK_TIMEOUT}), in slices so that an interrupt ends it.
 *
 * <p>The lock is the open transaction, never a flag in a row: when the holder's session ends (the
 * process killed, its TCP connection dropped, the embedded database closed), H2 rolls the
 * transaction back and the row is free. Nothing stale stays behind. The table holds no state:
 * row 1 is the one locked; row 2 is the guard the migrating connection writes in
 * {@link H2Dialect#markUnit} to tell whether a migration's transaction ended.
 *
 * <pre>{@code
 * H2RowLock lock = new H2RowLock(dataSource);
 * lock.acquire(migratingConnection, "PUBLIC.cairn_schema_history", Duration.ofMinutes(1));
 * ... lock.release();
 * }</pre>
 */
final class H2RowLock {

    private static final System.Logger LOG = System.getLogger("dev.cairn");
    /** H2's {@code LOCK_TIMEOUT_1}: a row lock was not obtained within the session's lock timeout. */
    static final int LOCK_TIMEOUT = 50200;
    /** H2's {@code DUPLICATE_KEY_1}. */
    private static final int DUPLICATE_KEY = 23505;
    /** H2's {@code SCHEMA_NOT_FOUND_1}. */
    private static final int SCHEMA_NOT_FOUND = 90079;
    /** The longest single wait in H2, so that an interrupt is noticed soon. */
    private static final long SLICE_MILLIS = 500;

    private final DataSource source;
    /** The connection holding the row lock while it is held; null otherwise. */
    private Connection holder;
    /** Whether {@link #holder} is the migrating connection itself (a DataSource of one connection). */
    private boolean shared;
    private String savedLockTimeout;
    private boolean savedAutoCommit;

    H2RowLock(DataSource source) {
        this.source = source;
    }

    /** The lock table's SQL name for the history table named {@code table} ({@code schema.table}). */
    static String lockTable(String table) {
        int dot = table.lastIndexOf('.');
        String schema = dot < 0 ? null : table.substring(0, dot);
        String name = table.substring(dot + 1) + "_lock";
        return schema == null ? name : H2Dialect.quote(schema) + "." + name;
    }

    /**
     * Takes the lock for the history table {@code table}, waiting at most {@code timeout}.
     *
     * @throws dev.cairn.runtime.LockTimeoutException if another session held it longer
     */
    void acquire(Connection migrating, String table, Duration timeout) throws SQLException {
        // The guard row must be where the migrations run, even when the lock's connection reaches
        // another database (an unnamed jdbc:h2:mem: URL gives every connection one of its own).
        migrating.setAutoCommit(true);
        prepare(migrating, table, lockTable(table));
        Connection connection = source == null ? migrating : source.getConnection();
        if (connection == null) {
            throw new CairnException("Cairn could not take the H2 migration lock for history table " + table
                    + ": the DataSource returned no connection for the lock. Nothing was done. H2 needs a second "
                    + "connection for the lock while migrating; give the DataSource room for two.");
        }
        shared = connection == migrating;
        if (shared) {
            // A DataSource that hands out one connection (an unnamed jdbc:h2:mem: database kept open):
            // no other session can reach the database through it, and a row lock on this connection
            // would end at the first commit. There is nothing to lock against.
            LOG.log(System.Logger.Level.DEBUG, "H2: the DataSource gave the migrating connection again; "
                    + "no separate lock connection for " + table);
            return;
        }
        boolean held = false;
        try {
            savedAutoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            savedLockTimeout = lockTimeoutOf(connection);
            String lockTable = lockTable(table);
            prepare(connection, table, lockTable);
            connection.setAutoCommit(false);
            long deadline = System.nanoTime() + timeout.toNanos();
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT id FROM " + lockTable + " WHERE id = 1 FOR UPDATE")) {
                while (true) {
                    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                    setLockTimeout(connection, Long.toString(Math.min(SLICE_MILLIS, left)));
                    try {
                        lock.executeQuery().close();
                        break;
                    } catch (SQLException e) {
                        if (e.getErrorCode() != LOCK_TIMEOUT) {
                            throw e;
                        }
                    }
                    if (System.nanoTime() >= deadline) {
                        throw ApiValues.get().lockTimeout("Another session held the H2 migration lock (a row lock "
                                + "on " + lockTable + ") for history table " + table + " for more than "
                                + timeout.toMillis() + " ms, so migrations could not start. Another instance may be "
                                + "migrating; see INFORMATION_SCHEMA.SESSIONS for the sessions waiting and holding, "
                                + "wait and retry, or raise Migrator.Builder.lockTimeout.", null);
                    }
                    if (Thread.interrupted()) {
                        Thread.currentThread().interrupt();
                        throw ApiValues.get().lockTimeout("Interrupted while waiting for the migration lock on "
                                + table, new InterruptedException());
                    }
                }
            }
            holder = connection;
            held = true;
        } finally {
            if (!held) {
                close(connection);
            }
        }
    }

    /**
     * Creates the lock table and its two rows if missing, in auto-commit. Another instance doing
     * the same at once is harmless: the table's creation is idempotent, a row it inserted first
     * makes ours a duplicate (ignored), and reading a locked row does not wait.
     */
    private static void prepare(Connection connection, String table, String lockTable) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + lockTable
                    + " (id INT NOT NULL PRIMARY KEY, guard BIGINT NOT NULL)");
            for (int id = 1; id <= 2; id++) {
                try {
                    statement.executeUpdate("INSERT INTO " + lockTable + " (id, guard) SELECT " + id + ", 0 "
                            + "WHERE NOT EXISTS (SELECT 1 FROM " + lockTable + " WHERE id = " + id + ")");
                } catch (SQLException e) {
                    if (e.getErrorCode() != DUPLICATE_KEY) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == SCHEMA_NOT_FOUND) {
                String schema = table.substring(0, Math.max(0, table.lastIndexOf('.')));
                throw new CairnException("Cairn cannot create the H2 lock table " + lockTable + " for history table "
                        + table + ": its schema " + schema + " does not exist (" + e.getMessage() + "). Nothing was "
                        + "applied. Create the schema (CREATE SCHEMA " + schema + ") and run again, or name an "
                        + "existing schema in Migrator.Builder.historySchema(...).", e);
            }
            throw e;
        }
    }

    /** Releases the lock: the holder's transaction rolls back, and the connection goes back as it came. */
    void release() throws SQLException {
        Connection connection = holder;
        holder = null;
        if (connection == null || shared) {
            return;
        }
        try {
            connection.rollback();
            connection.setAutoCommit(true);
            if (savedLockTimeout != null) {
                setLockTimeout(connection, savedLockTimeout);
            }
            connection.setAutoCommit(savedAutoCommit);
        } finally {
            close(connection);
        }
    }

    private static String lockTimeoutOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT LOCK_TIMEOUT()")) {
            result.next();
            return result.getString(1);
        }
    }

    static void setLockTimeout(Connection connection, String millis) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCK_TIMEOUT " + Long.parseLong(millis));
        }
    }

    /** Closing ends the session's transaction, and with it the row lock, whatever failed before. */
    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "Cairn could not close the H2 lock connection: " + e.getMessage());
        }
    }
}
