package dev.cairn.runtime.internal.dialect;

import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.internal.ApiValues;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MariaDB and MySQL, through MariaDB Connector/J ({@code jdbc:mariadb:}) or MySQL Connector/J
 * ({@code jdbc:mysql:}); which server it is comes from {@code VERSION()}, not from the driver.
 *
 * <p><b>History table:</b> an InnoDB table in one database (MySQL's word for a schema), settled at
 * the start of each operation ({@link #historySchema}: the configured one, else the connection's
 * current database), and named {@code `database`.`table`} by every statement, so a migration's
 * {@code USE other} cannot point Cairn at another table. Times are stored as UTC in
 * {@code DATETIME(6)}, so neither the server's nor the JVM's time zone matters.
 *
 * <p><b>Lock:</b> the named user lock {@code GET_LOCK('cairn:<database>.<table>', 0)}, polled until
 * the lock timeout, held by the migrating session for the whole run. The server releases it when
 * the holder's connection ends, so a killed process leaves no stale lock (unlike a lock table).
 *
 * <p><b>Atomicity:</b> every DDL statement commits implicitly ({@link #commitsImplicitly()}), so a
 * migration that runs DDL cannot commit atomically with its history row. Cairn does not guess which
 * migrations run DDL: each transactional migration first commits an interruption marker, runs in a
 * transaction guarded by a savepoint, and then records its outcome, deleting the marker, in that
 * same transaction. A migration of DML only (the savepoint survives) is atomic: a failure rolls it
 * back entirely and it can simply be run again. A migration whose savepoint vanished (a DDL
 * statement committed) and then failed, or a run cut off (the marker stays), is recorded as
 * possibly partly applied and waits for {@code repair}.
 *
 * <pre>{@code
 * Dialect dialect = Dialects.detect(mariaDbConnection);   // this class, after the version check
 * // instances waiting for the lock: SELECT * FROM information_schema.METADATA_LOCK_INFO (MariaDB)
 * }</pre>
 */
public final class MariaDbDialect implements Dialect {

    /** utf8mb4: any description or error text fits; _bin: compared exactly, as elsewhere. */
    private static final HistoryTableLayout.Types HISTORY_TYPES = new HistoryTableLayout.Types(
            "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY", "BIGINT", length -> "VARCHAR(" + length + ")",
            "DATETIME(6)", "BOOLEAN", "TEXT", "ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");

    /** The oldest MariaDB supported: the oldest long-term release still maintained (10.6, July 2021). */
    private static final int[] MINIMUM_MARIADB = {10, 6};
    /** The oldest MySQL supported: 8.0 (5.7 reached its end of life in October 2023). */
    private static final int[] MINIMUM_MYSQL = {8, 0};

    private static final int NO_SUCH_TABLE = 1146;
    private static final int UNKNOWN_DATABASE = 1049;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int DEADLOCK = 1213;
    private static final int NO_SUCH_SAVEPOINT = 1305;
    /** MySQL's longest user-lock name. */
    private static final int MAX_LOCK_NAME = 64;
    /** The savepoint {@link #markUnit} sets; it disappears when the transaction ends, implicitly too. */
    private static final String GUARD = "cairn_guard";
    /** How often a waiting instance retries the lock; short enough to start soon after the holder finishes. */
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    private final boolean mariaDb;
    private final String version;
    /**
     * Whether the driver's {@code getCatalog()} follows a {@code USE} without a query (MariaDB
     * Connector/J, from the server's session tracking); MySQL Connector/J's does not.
     */
    private final boolean driverTracksDatabase;

    private MariaDbDialect(boolean mariaDb, String version, boolean driverTracksDatabase) {
        this.mariaDb = mariaDb;
        this.version = version;
        this.driverTracksDatabase = driverTracksDatabase;
    }

    /**
     * The dialect for a server that the driver calls MySQL or MariaDB, after checking its version.
     *
     * @throws dev.cairn.runtime.UnsupportedDatabaseException for a server older than
     *     {@link #MINIMUM_MARIADB} or {@link #MINIMUM_MYSQL}, saying which version is needed
     */
    static MariaDbDialect detect(Connection connection) throws SQLException {
        // Both drivers know the version from the connection's handshake: no query on the start-up path.
        String version = connection.getMetaData().getDatabaseProductVersion();
        if (version != null && version.startsWith("5.5.5-") && version.contains("MariaDB")) {
            version = version.substring("5.5.5-".length()); // the prefix MariaDB sends for old MySQL clients
        }
        boolean mariaDb = version.toLowerCase(Locale.ROOT).contains("mariadb");
        String product = mariaDb ? "MariaDB" : "MySQL";
        int[] minimum = mariaDb ? MINIMUM_MARIADB : MINIMUM_MYSQL;
        if (!atLeast(version, minimum)) {
            throw ApiValues.get().unsupportedDatabaseVersion(product + " " + version, "Cairn does not support "
                    + product + " " + version + ": it needs " + product + " " + minimum[0] + "." + minimum[1]
                    + " or newer" + (mariaDb ? "" : " (or MariaDB " + MINIMUM_MARIADB[0] + "." + MINIMUM_MARIADB[1]
                    + " or newer)") + ". Nothing was done. Upgrade the database server, or point the Migrator at "
                    + "a supported one.");
        }
        String driver = String.valueOf(connection.getMetaData().getDriverName());
        return new MariaDbDialect(mariaDb, version, driver.toLowerCase(Locale.ROOT).contains("mariadb"));
    }

    /** Whether {@code version} (as {@code VERSION()} returns it, e.g. "10.11.6-MariaDB-0+deb12u1") is at least major.minor. */
    static boolean atLeast(String version, int[] minimum) {
        Matcher matcher = VERSION.matcher(version == null ? "" : version.trim());
        if (!matcher.find()) {
            return true; // an unknown format: let the server's own errors speak rather than refuse
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        return major > minimum[0] || (major == minimum[0] && minor >= minimum[1]);
    }

    @Override
    public String name() {
        return mariaDb ? "MariaDB" : "MySQL";
    }

    /** The server's version as {@code VERSION()} reported it. */
    public String version() {
        return version;
    }

    @Override
    public boolean commitsImplicitly() {
        return true;
    }

    @Override
    public String createHistoryTable(String table) {
        return HistoryTableLayout.create(table, HISTORY_TYPES);
    }

    @Override
    public String createBatchTable(String table) {
        return HistoryTableLayout.createBatches(table, HISTORY_TYPES);
    }

    /** Plain {@code ADD COLUMN}: MySQL has no {@code IF NOT EXISTS} there; Cairn adds it only when missing, under the lock. */
    @Override
    public String addTextColumn(String table, String column, int length) {
        return "ALTER TABLE " + table + " ADD COLUMN " + column + " VARCHAR(" + length + ")";
    }

    /**
     * The configured database, else the connection's current one (as the driver tracks it, before
     * any migration ran), so that a migration's {@code USE} does not move the history table.
     */
    @Override
    public String historySchema(Connection connection, String configured, String table) throws SQLException {
        if (configured != null) {
            return configured;
        }
        String database = connection.getCatalog();
        if (database == null || database.isEmpty()) {
            throw new CairnException("Cairn found no database for the history table " + table + ": the "
                    + "connection has no current database (the JDBC URL names none). Nothing was done. Name the "
                    + "database in the URL (jdbc:" + name().toLowerCase(Locale.ROOT) + "://host:3306/database), "
                    + "or with Migrator.Builder.historySchema(...).");
        }
        return database;
    }

    @Override
    public String qualify(String schema, String table) {
        return schema == null ? quote(table) : quote(schema) + "." + quote(table);
    }

    private static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    /**
     * The connection's current database: a migration's {@code USE other} changes it, and
     * {@link #restoreSession} puts it back, so every migration of a run starts where the first did,
     * as it would in a run of its own. MariaDB Connector/J knows it without a query (from the
     * server's session tracking); with MySQL Connector/J it costs a {@code SELECT DATABASE()}.
     */
    @Override
    public String sessionState(Connection connection) throws SQLException {
        if (driverTracksDatabase) {
            return connection.getCatalog();
        }
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT DATABASE()")) {
            result.next();
            return result.getString(1);
        }
    }

    @Override
    public void restoreSession(Connection connection, String state) throws SQLException {
        execute(connection, "USE " + quote(state));
    }

    /** A missing table, or a missing database (a configured history schema not created yet). */
    @Override
    public boolean isMissingTable(SQLException exception) {
        return exception.getErrorCode() == NO_SUCH_TABLE || exception.getErrorCode() == UNKNOWN_DATABASE;
    }

    /**
     * Bounds every lock wait of the operation by the lock timeout: the session's
     * {@code lock_wait_timeout} (metadata locks, which a DDL statement queues for behind an
     * application's open transaction, by default for a year) and {@code innodb_lock_wait_timeout}
     * (row locks), in whole seconds, rounded up. One statement, which keeps the session's own values
     * in a user variable for {@link #endOperation} to put back.
     */
    @Override
    public String beginOperation(Connection connection, Duration lockTimeout) throws SQLException {
        long seconds = Math.max(1, (lockTimeout.toMillis() + 999) / 1000);
        execute(connection, "SET @cairn_saved_lock_waits = CONCAT_WS(',', @@SESSION.lock_wait_timeout, "
                + "@@SESSION.innodb_lock_wait_timeout), SESSION lock_wait_timeout = " + seconds
                + ", SESSION innodb_lock_wait_timeout = " + seconds);
        return "@cairn_saved_lock_waits";
    }

    @Override
    public void endOperation(Connection connection, String saved) throws SQLException {
        if (saved != null) {
            execute(connection, "SET SESSION lock_wait_timeout = CAST(SUBSTRING_INDEX(" + saved + ", ',', 1) AS UNSIGNED), "
                    + "SESSION innodb_lock_wait_timeout = CAST(SUBSTRING_INDEX(" + saved + ", ',', -1) AS UNSIGNED), "
                    + saved + " = NULL");
        }
    }

    /** InnoDB's lock wait timeout ({@code innodb_lock_wait_timeout}): another connection held a row or table lock. */
    @Override
    public boolean isLockContention(SQLException exception) {
        return exception.getErrorCode() == LOCK_WAIT_TIMEOUT;
    }

    /** InnoDB rolls back the whole transaction of the victim of a deadlock. */
    @Override
    public boolean rollsBackTransaction(SQLException exception) {
        return exception.getErrorCode() == DEADLOCK;
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    @Override
    public Instant getInstant(ResultSet resultSet, int index) throws SQLException {
        LocalDateTime time = resultSet.getObject(index, LocalDateTime.class);
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    /**
     * Polls {@code GET_LOCK(name, 0)} rather than waiting in the server, so the wait is bounded by
     * the timeout to the millisecond (the server's timeout counts whole seconds on MySQL).
     */
    @Override
    public void lock(Connection connection, String table, Duration timeout) throws SQLException {
        String name = lockName(table);
        SessionLock.acquire(connection, "SELECT GET_LOCK(?, 0)", name, table, timeout,
                () -> "Another session held the " + name() + " lock " + name + " (GET_LOCK) for history table "
                        + table + " for more than " + timeout.toMillis() + " ms, so migrations could not start. "
                        + "Another instance may be migrating; see SELECT IS_USED_LOCK('" + name + "') for its "
                        + "connection id, wait and retry, or raise Migrator.Builder.lockTimeout.");
    }

    @Override
    public void unlock(Connection connection, String table, boolean commit) throws SQLException {
        SessionLock.release(connection, commit, "SELECT RELEASE_LOCK(?)", lockName(table));
    }

    /**
     * {@code cairn:<database>.<table>}, or, when that is longer than MySQL allows, {@code cairn:}
     * and a hash of it, so that different history tables do not contend.
     */
    public static String lockName(String table) {
        String name = "cairn:" + table.toLowerCase(Locale.ROOT);
        if (name.length() <= MAX_LOCK_NAME) {
            return name;
        }
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return "cairn:" + Long.toHexString(hash);
    }

    @Override
    public void markUnit(Connection connection) throws SQLException {
        execute(connection, "SAVEPOINT " + GUARD);
    }

    /**
     * The guard savepoint is gone exactly when the transaction it was set in ended: by an explicit
     * {@code COMMIT} or {@code ROLLBACK}, by the implicit commit of a DDL statement, or by InnoDB
     * rolling back a deadlock's victim. A failed statement leaves the transaction usable.
     */
    @Override
    public UnitState unitState(Connection connection) throws SQLException {
        if (connection.getAutoCommit()) {
            return UnitState.ENDED; // switched on behind Cairn's back: the driver committed the transaction
        }
        try {
            execute(connection, "RELEASE SAVEPOINT " + GUARD);
            return UnitState.OPEN;
        } catch (SQLException e) {
            if (e.getErrorCode() == NO_SUCH_SAVEPOINT) {
                return UnitState.ENDED;
            }
            throw e;
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
        return false; // GET_LOCK belongs to the session and was held all along
    }

    /**
     * The objects of the database that holds the history table: tables (also system-versioned),
     * views and sequences, stored procedures and functions, and events. Not counted: the history
     * table, and what belongs to a counted table (indexes, triggers, constraints).
     */
    @Override
    public List<SchemaObject> schemaObjects(Connection connection, String historySchema, String historyTable)
            throws SQLException {
        String sql = "SELECT kind, name FROM ("
                + "SELECT CAST(CASE table_type WHEN 'VIEW' THEN 'view' WHEN 'SYSTEM VIEW' THEN 'view' "
                + "WHEN 'SEQUENCE' THEN 'sequence' ELSE 'table' END AS CHAR(20)) AS kind, "
                + "CAST(table_name AS CHAR(200)) AS name, "
                + "CASE WHEN table_type IN ('VIEW', 'SYSTEM VIEW', 'SEQUENCE') THEN 1 ELSE 0 END AS position "
                + "FROM information_schema.tables WHERE table_schema = coalesce(?, DATABASE()) AND table_name <> ?"
                + " UNION ALL "
                + "SELECT CAST(LOWER(routine_type) AS CHAR(20)), CAST(routine_name AS CHAR(200)), 2 "
                + "FROM information_schema.routines WHERE routine_schema = coalesce(?, DATABASE())"
                + " UNION ALL "
                + "SELECT CAST('event' AS CHAR(20)), CAST(event_name AS CHAR(200)), 2 "
                + "FROM information_schema.events WHERE event_schema = coalesce(?, DATABASE())"
                + ") found ORDER BY position, name";
        List<SchemaObject> objects = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, historySchema);
            query.setString(2, historyTable);
            query.setString(3, historySchema);
            query.setString(4, historySchema);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    objects.add(new SchemaObject(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return objects;
    }
}
