package dev.cairn.runtime.internal.dialect;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.InvalidConfigurationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What differs between databases, kept small so that another database (MySQL, H2) is one more
 * class: the history table's DDL, how to take the migration lock, and how units of work map onto
 * transactions. Internal to Cairn; {@link Dialects#detect(Connection)} picks the implementation.
 * An instance may hold the lock of the operation it was detected for, so use one per operation.
 *
 * <p>The lifecycle of one locked operation on a connection is:
 * <pre>{@code
 * dialect.lock(connection, table, timeout);
 * dialect.beginUnit(connection);  ... dialect.commitUnit(connection);   // one per migration
 * dialect.unlock(connection, table, true);
 * }</pre>
 */
public interface Dialect {

    /** The database's name for messages, e.g. "PostgreSQL". */
    String name();

    /**
     * DDL creating the history table if it does not exist; {@code table} is the table's name as
     * SQL, from {@link #qualify(String, String)}.
     */
    String createHistoryTable(String table);

    /** {@code CREATE TABLE IF NOT EXISTS} for the checkpoints of batched migrations, named as {@link #qualify} wrote it. */
    String createBatchTable(String table);

    /**
     * The statement that adds a nullable text column of up to {@code length} characters (one of
     * the later columns, such as {@code application}) to a history table made by an earlier Cairn
     * ({@code table} as {@link #qualify} made it).
     */
    String addTextColumn(String table, String column, int length);

    /**
     * Settles (through {@link #beginOperation(Connection, Duration, String, String)}), once per
     * operation and before any migration runs, the schema that holds the
     * history table, so that nothing a migration does to the session (a {@code SET search_path},
     * a new schema that comes first in it) can point Cairn at another table.
     *
     * @param configured {@code Migrator.Builder.historySchema}, or null
     * @param table the configured (plain) table name
     * @return the schema, or null for a database without schemas
     * @throws dev.cairn.runtime.InvalidConfigurationException if a schema is configured for a
     *     database that has none
     */
    default String historySchema(Connection connection, String configured, String table) throws SQLException {
        if (configured != null) {
            throw new InvalidConfigurationException("Invalid Migrator configuration: historySchema \"" + configured
                    + "\" is set, but the database is " + name() + ", which has no schemas (its history table is "
                    + "always in the database itself). Nothing was done; remove historySchema(...) from the "
                    + "configuration.");
        }
        return null;
    }

    /**
     * The history table's name as SQL: {@code table} (a checked plain identifier) in
     * {@code schema} (from {@link #historySchema}; null for none), quoted as the database needs.
     */
    default String qualify(String schema, String table) {
        return table;
    }

    /** The session state a migration may change and the runner puts back, as it is now; null where there is none. */
    default String sessionState(Connection connection) throws SQLException {
        return null;
    }

    /**
     * A statement sent with the history table's {@code INSERT} after a migration, before it and
     * in the same round trip, that puts back the session state read by {@link #sessionState}
     * (bound by {@link #bindSessionRestore}) and returns, in its first column, the state as the
     * migration left it. Empty where the dialect puts the state back after the insert instead,
     * with {@link #restoreSession}.
     */
    default String sessionRestoreStatement() {
        return "";
    }

    /**
     * Binds {@code state} to the parameters of {@link #sessionRestoreStatement}, from the first.
     *
     * @return how many parameters it bound
     */
    default int bindSessionRestore(PreparedStatement statement, String state) throws SQLException {
        return 0;
    }

    /**
     * Puts back the session state read by {@link #sessionState} (inside the current unit, so that
     * it commits with it), after a migration changed it; for a dialect whose
     * {@link #sessionRestoreStatement()} is empty (the others put it back with the history row).
     */
    default void restoreSession(Connection connection, String state) throws SQLException {
    }

    /**
     * Why {@code text} cannot be stored in a text column of the history table, or null if it
     * can; by default everything can.
     */
    default String unstorable(String text) {
        return null;
    }

    /**
     * Prepares the connection for one operation, before its first statement: SQLite sets its busy
     * timeout to the lock timeout, PostgreSQL its session's {@code lock_timeout}, so that every wait
     * of the operation, the reads before the lock included, is bounded by it. By default nothing.
     *
     * @return what {@link #endOperation} puts back, or null
     */
    default String beginOperation(Connection connection, Duration lockTimeout) throws SQLException {
        return null;
    }

    /**
     * Begins an operation: {@link #beginOperation(Connection, Duration)}, then
     * {@link #historySchema}. A dialect that can do both in one round trip, and see on the way
     * whether the history table exists, overrides this (PostgreSQL: a fresh database then gets no
     * failed read of a missing table, which its server would log as an ERROR). If settling the
     * schema fails, what was changed is put back before the failure is thrown.
     *
     * @param configuredSchema {@code Migrator.Builder.historySchema}, or null
     * @param table the configured (plain) table name
     */
    default OperationStart beginOperation(Connection connection, Duration lockTimeout, String configuredSchema,
            String table) throws SQLException {
        String saved = beginOperation(connection, lockTimeout);
        try {
            return new OperationStart(saved, historySchema(connection, configuredSchema, table), false);
        } catch (SQLException | RuntimeException e) {
            try {
                endOperation(connection, saved);
            } catch (SQLException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
    }

    /** Puts back what {@link #beginOperation} changed, so that the connection goes back as it came. */
    default void endOperation(Connection connection, String saved) throws SQLException {
    }

    /**
     * Whether DDL statements commit the open transaction implicitly (MySQL and MariaDB), so that a
     * migration is atomic with its history row only if it runs DML alone. The runner then commits
     * an interruption marker before each migration and treats a migration whose transaction ended
     * under it as possibly partly applied; by default DDL is transactional.
     */
    default boolean commitsImplicitly() {
        return false;
    }

    /** Whether the exception says the queried table does not exist. */
    boolean isMissingTable(SQLException exception);

    /**
     * Whether the exception says another connection holds a lock the statement needed (SQLite's
     * {@code SQLITE_BUSY}); the caller then waits properly by taking the migration lock.
     */
    default boolean isLockContention(SQLException exception) {
        return false;
    }

    /**
     * Whether the exception says the connection is gone: SQL state class 08 (closed, dropped,
     * network), and where the database has them, its own codes for a session the server ended.
     */
    default boolean isConnectionLost(SQLException exception) {
        return exception.getSQLState() != null && exception.getSQLState().startsWith("08");
    }

    /**
     * Whether the database refused for lack of a right (a privilege, a read-only file, a failed
     * authentication): the only failures whose message may suggest checking permissions.
     */
    default boolean isPermissionDenied(SQLException exception) {
        return false;
    }

    /**
     * Whether the exception says the schema changed under the statement so often that the
     * database gave up re-preparing it (SQLite's {@code SQLITE_SCHEMA}: another connection keeps
     * committing schema changes, as a run of DDL migrations does). Reading again is safe; without
     * the lock the caller goes to the locked path, which waits for that run and reads again.
     */
    default boolean isSchemaChanged(SQLException exception) {
        return false;
    }

    /** Binds an instant into a timestamp column of the history table. */
    void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException;

    /** Reads an instant from a timestamp column of the history table. */
    Instant getInstant(ResultSet resultSet, int index) throws SQLException;

    /**
     * Takes the migration lock for {@code table}, waiting at most {@code timeout}, and leaves the
     * connection ready for {@link #beginUnit}.
     *
     * @throws dev.cairn.runtime.LockTimeoutException if the lock was not obtained in time
     */
    void lock(Connection connection, String table, Duration timeout) throws SQLException;

    /** Ends the locked operation: commits (or rolls back) what is open and releases the lock. */
    void unlock(Connection connection, String table, boolean commit) throws SQLException;

    /**
     * Starts a unit of work: one migration with its history row. By default nothing: with
     * auto-commit off, every statement after a commit or rollback starts the next transaction.
     */
    default void beginUnit(Connection connection) throws SQLException {
    }

    /** Makes the unit's work part of the database (or, in SQLite in memory, of the run); by default JDBC's commit. */
    default void commitUnit(Connection connection) throws SQLException {
        connection.commit();
    }

    /** Discards the unit's work, and only that; by default JDBC's rollback. */
    default void rollbackUnit(Connection connection) throws SQLException {
        connection.rollback();
    }

    /**
     * Marks the transaction a transactional migration is about to run in (after {@link #beginUnit}),
     * so that {@link #unitEnded} can tell afterwards whether the migration ended it.
     */
    void markUnit(Connection connection) throws SQLException;

    /** What became of the transaction marked by {@link #markUnit} while the migration ran. */
    enum UnitState {
        /** Still open and usable, holding the migration's work: the mark is removed. */
        OPEN,
        /**
         * Ended: a {@code COMMIT}, {@code END} or {@code ROLLBACK} in the migration's SQL, or the
         * database rolling back on its own.
         */
        ENDED,
        /**
         * Still open, but the database had aborted it after a statement failed (PostgreSQL), so the
         * migration's work was rolled back to the mark: nothing of it can commit. Unless the
         * migration failed anyway, it caught the error and carried on as if the statement had
         * worked, and recording it as applied would record work that is not there.
         */
        ABORTED
    }

    /**
     * What became of the transaction marked by {@link #markUnit} while the migration ran; unless it
     * ended, the mark is removed and the unit can go on (to commit the migration's work if
     * {@link UnitState#OPEN}, or to record a failure).
     */
    UnitState unitState(Connection connection) throws SQLException;

    /**
     * Whether a migration that returned normally may skip {@link #unitState}: its history row is
     * inserted first (an aborted transaction refuses that insert, see {@link #unitStateAfter}), then
     * {@link #commitCheckedUnit} tells whether the unit ended and commits it, in one round trip.
     */
    default boolean checksUnitAtCommit() {
        return false;
    }

    /**
     * Where {@link #checksUnitAtCommit}: commits the marked unit unless the migration ended it, in one
     * round trip. {@link UnitState#ENDED}: nothing of this transaction was committed, it is to be
     * discarded; {@link UnitState#OPEN}: committed.
     */
    default UnitState commitCheckedUnit(Connection connection) throws SQLException {
        throw new UnsupportedOperationException(name() + " checks the unit before its history row");
    }

    /**
     * What became of the unit, from the failure of the statement after the migration (its history
     * row's insert): {@link UnitState#ENDED} or {@link UnitState#ABORTED} (made usable again, as
     * {@link #unitState} does), else {@code failure} rethrown: the statement failed on its own.
     */
    default UnitState unitStateAfter(Connection connection, SQLException failure) throws SQLException {
        throw failure;
    }

    /** Whether the marked transaction ended ({@link #unitState}): what a migration that failed needs to know. */
    default boolean unitEnded(Connection connection) throws SQLException {
        return unitState(connection) == UnitState.ENDED;
    }

    /**
     * After {@link #unitEnded} said yes: ends whatever the migration left open, without committing
     * it, so that the next unit starts cleanly (SQLite in memory: takes the run's lock again).
     */
    void discardEndedUnit(Connection connection) throws SQLException;

    /**
     * Whether this error made the database roll back the whole transaction by itself (SQLite on
     * {@code SQLITE_FULL}, {@code SQLITE_IOERR}, {@code SQLITE_NOMEM}, {@code SQLITE_BUSY},
     * {@code SQLITE_INTERRUPT}, or a conflict under {@code OR ROLLBACK}); by default never.
     */
    default boolean rollsBackTransaction(SQLException exception) {
        return false;
    }

    /** Switches the connection to auto-commit for a migration declared {@code transactional = false}. */
    void suspendForNonTransactional(Connection connection) throws SQLException;

    /**
     * Switches back after a non-transactional migration, retaking the lock if suspending gave it
     * up.
     *
     * @return whether another connection may have changed the history meanwhile, so that it must
     *     be read again
     */
    boolean resumeAfterNonTransactional(Connection connection, String table, Duration timeout) throws SQLException;

    /** Records the highest applied version where the database has a place for it; by default nowhere. */
    default void recordHighestVersion(Connection connection, MigrationVersion version) throws SQLException {
    }

    /**
     * The objects in the schema Cairn migrates other than the history table {@code historyTable}
     * (and what belongs to it) and the database's own internals: what makes a database "not
     * empty" for {@code migrate}'s first run. Tables first, then by name. Only called when the
     * history records no migration, so it costs nothing on the up-to-date path.
     */
    List<SchemaObject> schemaObjects(Connection connection, String schema, String historyTable) throws SQLException;

    /** Runs the database's own consistency checks and returns what they report; by default none. */
    default List<String> integrityProblems(Connection connection) throws SQLException {
        return List.of();
    }
}
