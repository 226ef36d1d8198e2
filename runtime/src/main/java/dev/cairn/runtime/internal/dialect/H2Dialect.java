package dev.cairn.runtime.internal.dialect;

import dev.cairn.runtime.internal.ApiValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * H2 2.x, embedded ({@code jdbc:h2:mem:name}, {@code jdbc:h2:file:path}) or through an H2 server
 * ({@code jdbc:h2:tcp://host/path}). One instance per operation: it holds that operation's lock.
 *
 * <p><b>History table:</b> in one schema, settled at the start of each operation (the configured
 * one, folded to upper case as H2 folds an unquoted name, else {@code CURRENT_SCHEMA}), named
 * {@code "SCHEMA".table} by every statement, so a migration's {@code SET SCHEMA} cannot move it.
 * Times are stored as {@code TIMESTAMP WITH TIME ZONE}, in UTC.
 *
 * <p><b>Lock:</b> {@link H2RowLock}: a row lock held in an open transaction on a second connection
 * from the same DataSource, released by H2 when that session ends, so a killed holder leaves no
 * stale lock. It covers threads of one JVM on one embedded database and processes on one H2 server.
 *
 * <p><b>Atomicity:</b> H2 commits the open transaction before every DDL statement
 * ({@link #commitsImplicitly()}), as MariaDB does, so a migration running DDL cannot commit with its
 * history row: Cairn commits an interruption marker first and records the outcome after. Whether a
 * migration's transaction ended is told by {@code TRANSACTION_ID()}: {@link #markUnit} writes the
 * lock table's guard row and remembers the transaction's id; a migration of DML only keeps it, and
 * is atomic. H2 accepts {@code RELEASE SAVEPOINT} of a savepoint its commit discarded, so the
 * savepoint guard of MariaDB and PostgreSQL would not tell.
 *
 * <pre>{@code
 * Dialect dialect = Dialects.detect(h2Connection, dataSource);   // this class, after the version check
 * }</pre>
 */
public final class H2Dialect implements Dialect {

    /** H2 1.4 is a different database (another storage, another SQL); 2.0 is the oldest supported. */
    private static final int MINIMUM_MAJOR = 2;
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.");

    private static final int TABLE_NOT_FOUND = 42102;
    private static final int TABLE_NOT_FOUND_WITH_CANDIDATES = 42103;
    private static final int TABLE_NOT_FOUND_DATABASE_EMPTY = 42104;
    private static final int SCHEMA_NOT_FOUND = 90079;
    private static final int DEADLOCK = 40001;
    private static final int CONNECTION_BROKEN = 90067;
    private static final int DATABASE_CALLED_AT_SHUTDOWN = 90121;
    private static final int OBJECT_CLOSED = 90007;
    private static final int NOT_ENOUGH_RIGHTS = 90096;
    private static final int DATABASE_IS_READ_ONLY = 90097;
    private static final int WRONG_USER_OR_PASSWORD = 28000;

    private final H2RowLock lock;
    /** The history table's lock table while locked (its guard row tells {@link #unitEnded}). */
    private String lockTable;
    /** {@code TRANSACTION_ID()} after {@link #markUnit}. */
    private String markedTransaction;
    /** {@code CURRENT_SCHEMA} as {@link #beginOperation} read it, before any migration ran. */
    private String currentSchema;

    private H2Dialect(DataSource source) {
        this.lock = new H2RowLock(source);
    }

    /**
     * The dialect for an H2 connection, after checking the version; {@code source} gives the
     * lock's own connection (null: the lock is not held apart, for a database only this connection reaches).
     *
     * @throws dev.cairn.runtime.UnsupportedDatabaseException for H2 1.x
     */
    static H2Dialect detect(Connection connection, DataSource source) throws SQLException {
        String version = connection.getMetaData().getDatabaseProductVersion();
        Matcher matcher = VERSION.matcher(version == null ? "" : version.trim());
        if (matcher.find() && Integer.parseInt(matcher.group(1)) < MINIMUM_MAJOR) {
            throw ApiValues.get().unsupportedDatabaseVersion("H2 " + version, "Cairn does not support H2 " + version
                    + ": it needs H2 2.0 or newer (com.h2database:h2 2.x; H2 1.4 stores and parses differently). "
                    + "Nothing was done. Upgrade the H2 dependency (and its database files, with H2's export and "
                    + "import), or point the Migrator at a supported database.");
        }
        return new H2Dialect(source);
    }

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public boolean commitsImplicitly() {
        return true;
    }

    @Override
    public String createHistoryTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "installed_rank BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                + "version BIGINT NOT NULL, "
                + "description VARCHAR(200) NOT NULL, "
                + "type VARCHAR(30) NOT NULL, "
                + "event VARCHAR(20) NOT NULL, "
                + "checksum VARCHAR(128), "
                + "installed_by VARCHAR(100) NOT NULL, "
                + "installed_on TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "execution_time_ms BIGINT NOT NULL, "
                + "success BOOLEAN NOT NULL, "
                + "error CHARACTER LARGE OBJECT, "
                + "application VARCHAR(200), "
                + "version_parts VARCHAR(100))";
    }

    @Override
    public String addTextColumn(String table, String column, int length) {
        return "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + column + " VARCHAR(" + length + ")";
    }

    /**
     * The configured schema, folded to upper case as H2 folds an unquoted name (it was checked as
     * a plain identifier); else the session's {@code CURRENT_SCHEMA}, exactly as the catalog has it.
     */
    @Override
    public String historySchema(Connection connection, String configured, String table) throws SQLException {
        if (configured != null) {
            return configured.toUpperCase(Locale.ROOT);
        }
        if (currentSchema != null) {
            return currentSchema;
        }
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT CURRENT_SCHEMA")) {
            result.next();
            return result.getString(1);
        }
    }

    /** The schema quoted (the catalog's exact name), the table not: H2 folds it as it folds the migrations' SQL. */
    @Override
    public String qualify(String schema, String table) {
        return schema == null ? table : quote(schema) + "." + table;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String sessionState(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT CURRENT_SCHEMA")) {
            result.next();
            return result.getString(1);
        }
    }

    /** Puts back the schema a migration's {@code SET SCHEMA} changed. */
    @Override
    public void restoreSession(Connection connection, String state) throws SQLException {
        execute(connection, "SET SCHEMA " + quote(state));
    }

    @Override
    public boolean isMissingTable(SQLException exception) {
        int code = exception.getErrorCode();
        return code == TABLE_NOT_FOUND || code == TABLE_NOT_FOUND_WITH_CANDIDATES
                || code == TABLE_NOT_FOUND_DATABASE_EMPTY || code == SCHEMA_NOT_FOUND;
    }

    /** A row or table lock not obtained within the session's {@code LOCK_TIMEOUT}, or a deadlock. */
    @Override
    public boolean isLockContention(SQLException exception) {
        return exception.getErrorCode() == H2RowLock.LOCK_TIMEOUT || exception.getErrorCode() == DEADLOCK;
    }

    @Override
    public boolean isConnectionLost(SQLException exception) {
        int code = exception.getErrorCode();
        return Dialect.super.isConnectionLost(exception) || code == CONNECTION_BROKEN
                || code == DATABASE_CALLED_AT_SHUTDOWN || code == OBJECT_CLOSED;
    }

    @Override
    public boolean isPermissionDenied(SQLException exception) {
        int code = exception.getErrorCode();
        return code == NOT_ENOUGH_RIGHTS || code == DATABASE_IS_READ_ONLY || code == WRONG_USER_OR_PASSWORD;
    }

    /**
     * Bounds every lock wait of the operation (a migration's DDL waiting for an application's
     * transaction on the same table included) by the lock timeout, as the session's
     * {@code LOCK_TIMEOUT}; its own value is put back by {@link #endOperation}. The same query
     * reads {@code CURRENT_SCHEMA} for {@link #historySchema}, saving the up-to-date start a round trip.
     */
    @Override
    public String beginOperation(Connection connection, Duration lockTimeout) throws SQLException {
        String saved;
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT LOCK_TIMEOUT(), CURRENT_SCHEMA")) {
            result.next();
            saved = result.getString(1);
            currentSchema = result.getString(2);
        }
        H2RowLock.setLockTimeout(connection, Long.toString(Math.max(1, lockTimeout.toMillis())));
        return saved;
    }

    @Override
    public void endOperation(Connection connection, String saved) throws SQLException {
        if (saved != null) {
            H2RowLock.setLockTimeout(connection, saved);
        }
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
    }

    @Override
    public Instant getInstant(ResultSet resultSet, int index) throws SQLException {
        OffsetDateTime time = resultSet.getObject(index, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    @Override
    public void lock(Connection connection, String table, Duration timeout) throws SQLException {
        lock.acquire(connection, table, timeout);
        lockTable = H2RowLock.lockTable(table);
        connection.setAutoCommit(false);
    }

    @Override
    public void unlock(Connection connection, String table, boolean commit) throws SQLException {
        try {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } finally {
            lockTable = null;
            lock.release();
        }
    }

    /**
     * Makes the transaction have a change (the guard row of the lock table, which only the lock's
     * holder writes) and remembers its {@code TRANSACTION_ID()}, which H2 gives only to a
     * transaction with changes and which a new transaction does not share.
     */
    @Override
    public void markUnit(Connection connection) throws SQLException {
        execute(connection, "UPDATE " + lockTable + " SET guard = guard + 1 WHERE id = 2");
        markedTransaction = transactionId(connection);
    }

    /**
     * The marked transaction ended exactly when {@code TRANSACTION_ID()} changed: to null (committed
     * by a DDL statement or a {@code COMMIT}, nothing written since) or to another transaction's id.
     * A failed statement leaves the transaction as it was. If it did not end, the guard's change is
     * undone, so the unit commits only the migration's own work.
     */
    @Override
    public boolean unitEnded(Connection connection) throws SQLException {
        if (connection.getAutoCommit()) {
            return true; // switched on behind Cairn's back: the driver committed the transaction
        }
        boolean ended = !Objects.equals(markedTransaction, transactionId(connection));
        markedTransaction = null;
        if (!ended) {
            execute(connection, "UPDATE " + lockTable + " SET guard = guard - 1 WHERE id = 2");
        }
        return ended;
    }

    private static String transactionId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT TRANSACTION_ID()")) {
            result.next();
            return result.getString(1);
        }
    }

    @Override
    public void discardEndedUnit(Connection connection) throws SQLException {
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
        } else {
            connection.rollback();
        }
    }

    @Override
    public boolean rollsBackTransaction(SQLException exception) {
        return false;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void suspendForNonTransactional(Connection connection) throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
    }

    @Override
    public boolean resumeAfterNonTransactional(Connection connection, String table, Duration timeout)
            throws SQLException {
        connection.setAutoCommit(false);
        return false; // the row lock is held by the lock's own connection, all along
    }

    /**
     * The objects of the schema that holds the history table: tables and views, sequences (H2 2.x
     * lists none for identity columns), user-defined functions (aliases), domains and constants. Not
     * counted: the history table and its lock table, and what belongs to a counted table (indexes,
     * constraints, triggers).
     */
    @Override
    public List<SchemaObject> schemaObjects(Connection connection, String historySchema, String historyTable)
            throws SQLException {
        String schema = "coalesce(?, CURRENT_SCHEMA)";
        String sql = "SELECT kind, name FROM ("
                + "SELECT CASE WHEN table_type = 'VIEW' THEN 'view' ELSE 'table' END AS kind, table_name AS name, "
                + "CASE WHEN table_type = 'VIEW' THEN 1 ELSE 0 END AS position "
                + "FROM INFORMATION_SCHEMA.TABLES WHERE table_schema = " + schema
                + " AND table_type IN ('BASE TABLE', 'VIEW') AND upper(table_name) <> upper(?) "
                + "AND upper(table_name) <> upper(?)"
                + " UNION ALL "
                // H2 2.x does not list the sequences behind identity columns here
                + "SELECT 'sequence', sequence_name, 1 FROM INFORMATION_SCHEMA.SEQUENCES WHERE sequence_schema = " + schema
                + " UNION ALL "
                + "SELECT 'function', routine_name, 2 FROM INFORMATION_SCHEMA.ROUTINES WHERE routine_schema = " + schema
                + " UNION ALL "
                + "SELECT 'domain', domain_name, 1 FROM INFORMATION_SCHEMA.DOMAINS WHERE domain_schema = " + schema
                + " UNION ALL "
                + "SELECT 'constant', constant_name, 2 FROM INFORMATION_SCHEMA.CONSTANTS WHERE constant_schema = "
                + schema + ") found ORDER BY position, name";
        List<SchemaObject> objects = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, historySchema);
            query.setString(2, historyTable);
            query.setString(3, historyTable + "_lock");
            query.setString(4, historySchema);
            query.setString(5, historySchema);
            query.setString(6, historySchema);
            query.setString(7, historySchema);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    objects.add(new SchemaObject(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return objects;
    }
}
