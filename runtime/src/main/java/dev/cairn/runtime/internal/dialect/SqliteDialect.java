package dev.cairn.runtime.internal.dialect;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.internal.ApiValues;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * SQLite through sqlite-jdbc. One instance per operation: it holds that operation's lock.
 *
 * <p>For a database file, the migration lock is {@link SqliteFileLock}: an operating-system lock
 * on a sidecar file ({@code <database>.cairn-lock}) plus a permit inside this JVM, held for the
 * whole run and released by the operating system if the holder dies, so no stale lock is
 * possible. Under it each migration commits with its history row in its own {@code BEGIN
 * IMMEDIATE} transaction, so a crash keeps every migration committed before it, and a
 * non-transactional migration runs in auto-commit while the lock is still held, so that no other
 * instance can run it too. {@code PRAGMA busy_timeout} still covers the application's own writers.
 *
 * <p>An in-memory (or temporary) database has no file and lives in one process, so there the lock
 * is SQLite's write lock: {@code BEGIN IMMEDIATE} held for the whole run, each migration a {@code
 * SAVEPOINT} inside it (and a non-transactional one commits the run so far and takes the lock
 * again afterwards).
 *
 * <p>The connection stays in JDBC auto-commit mode and transactions are driven by SQL statements,
 * which works with any DataSource's connection settings.
 *
 * <p>{@code PRAGMA user_version} is a signed 32-bit integer; when the highest applied version does
 * not fit (timestamp versions such as 20251119143022), user_version is left unchanged and a note is
 * logged.
 *
 * <pre>{@code
 * Dialect sqlite = Dialects.detect(sqliteConnection);   // a new SqliteDialect
 * }</pre>
 */
public final class SqliteDialect implements Dialect {

    /** Everything is TEXT or INTEGER to SQLite; installed_on is ISO-8601 text, in UTC. */
    private static final HistoryTableLayout.Types HISTORY_TYPES = new HistoryTableLayout.Types(
            "INTEGER PRIMARY KEY", "INTEGER", length -> "TEXT", "TEXT", "INTEGER", "TEXT", "");

    private static final System.Logger LOG = System.getLogger("dev.cairn");
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_NOMEM = 7;
    private static final int SQLITE_INTERRUPT = 9;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_PERM = 3;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_SCHEMA = 17;
    private static final int SQLITE_AUTH = 23;
    private static final int SQLITE_CONSTRAINT = 19;
    /** The savepoint {@link #markUnit} sets; it disappears when the transaction ends. */
    private static final String GUARD = "cairn_guard";

    /** The file lock of a file database's run; null for an in-memory database or outside a run. */
    private SqliteFileLock fileLock;
    /** Whether a transaction begun by this dialect is open on the connection. */
    private boolean transactionOpen;
    /** The busy timeout set for the run, for messages. */
    private long busyTimeoutMillis;

    public SqliteDialect() {
    }

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public String createHistoryTable(String table) {
        return HistoryTableLayout.create(table, HISTORY_TYPES);
    }

    @Override
    public String createBatchTable(String table) {
        return HistoryTableLayout.createBatches(table, HISTORY_TYPES);
    }

    @Override
    public String addTextColumn(String table, String column, int length) {
        return "ALTER TABLE " + table + " ADD COLUMN " + column + " TEXT";
    }

    @Override
    public boolean isMissingTable(SQLException exception) {
        String message = exception.getMessage();
        return message != null && message.contains("no such table");
    }

    @Override
    public boolean isLockContention(SQLException exception) {
        return isBusy(exception);
    }

    /**
     * SQLITE_PERM, SQLITE_READONLY (and its extended codes), SQLITE_CANTOPEN (the file or its
     * directory cannot be opened) and SQLITE_AUTH, by the primary result code.
     */
    @Override
    public boolean isPermissionDenied(SQLException exception) {
        int code = exception.getErrorCode() & 0xff;
        return code == SQLITE_PERM || code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_AUTH;
    }

    @Override
    public boolean isSchemaChanged(SQLException exception) {
        return (exception.getErrorCode() & 0xff) == SQLITE_SCHEMA
                || (exception.getMessage() != null && exception.getMessage().contains("SQLITE_SCHEMA"));
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setString(index, instant.toString());
    }

    /**
     * Cairn writes ISO-8601 instants ({@code 2026-03-04T05:06:07.250Z}). A row edited by hand may
     * hold SQLite's own {@code datetime()} format ({@code 2026-03-04 05:06:07}, optionally with
     * fractional seconds): SQLite's date functions work in UTC, so that is read as UTC. Anything
     * else throws {@link java.time.format.DateTimeParseException}.
     */
    @Override
    public Instant getInstant(ResultSet resultSet, int index) throws SQLException {
        String text = resultSet.getString(index);
        if (text == null) {
            return null;
        }
        if (text.length() >= 19 && text.charAt(10) == ' ') {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        }
        return Instant.parse(text);
    }

    /**
     * Sets the connection's busy timeout to the lock timeout through sqlite-jdbc's
     * {@code SQLiteConnection.setBusyTimeout} (called reflectively: the runtime depends on the JDK
     * only), which runs no statement, so the up-to-date start stays one query. Returns the busy
     * timeout the driver had, or null when the connection does not unwrap to sqlite-jdbc's (then
     * {@link #lock} sets it with a {@code PRAGMA}, as the only bound).
     */
    @Override
    public String beginOperation(Connection connection, Duration lockTimeout) throws SQLException {
        Object sqlite = sqliteConnection(connection);
        if (sqlite == null) {
            return null;
        }
        try {
            int before = (Integer) sqlite.getClass().getMethod("getBusyTimeout").invoke(sqlite);
            setBusyTimeout(sqlite, lockTimeout.toMillis());
            busyTimeoutMillis = lockTimeout.toMillis();
            return Integer.toString(before);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Cannot read sqlite-jdbc's busy timeout; the lock sets it", e);
            return null;
        }
    }

    @Override
    public void endOperation(Connection connection, String saved) throws SQLException {
        if (saved == null) {
            return;
        }
        Object sqlite = sqliteConnection(connection);
        if (sqlite == null) {
            return;
        }
        try {
            setBusyTimeout(sqlite, Long.parseLong(saved));
        } catch (ReflectiveOperationException e) {
            throw new SQLException("Cannot restore the connection's busy timeout " + saved + " ms", e);
        }
    }

    private static void setBusyTimeout(Object sqlite, long millis) throws ReflectiveOperationException {
        sqlite.getClass().getMethod("setBusyTimeout", int.class).invoke(sqlite, (int) Math.min(Integer.MAX_VALUE,
                millis));
    }

    /** sqlite-jdbc's {@code org.sqlite.SQLiteConnection} behind the connection (a pool's proxy unwraps), or null. */
    private static Object sqliteConnection(Connection connection) {
        try {
            Class<?> type = Class.forName("org.sqlite.SQLiteConnection", false, connection.getClass().getClassLoader());
            return connection.isWrapperFor(type) ? connection.unwrap(type) : null;
        } catch (ClassNotFoundException | SQLException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public void lock(Connection connection, String table, Duration timeout) throws SQLException {
        if (!connection.getAutoCommit()) {
            // A DataSource handing out non-auto-commit connections may have a transaction open;
            // end it so that our own transactions start cleanly.
            connection.rollback();
            connection.setAutoCommit(true);
        }
        if (busyTimeoutMillis != timeout.toMillis()) {
            // beginOperation could not set it (a connection that does not unwrap to sqlite-jdbc's)
            busyTimeoutMillis = timeout.toMillis();
            execute(connection, "PRAGMA busy_timeout = " + busyTimeoutMillis);
        }
        String file = mainDatabaseFile(connection);
        if (file.isEmpty()) {
            beginImmediate(connection, timeout);
            return;
        }
        fileLock = SqliteFileLock.acquire(Path.of(file), timeout);
        LOG.log(Level.DEBUG, "Holding the Cairn lock file {0}", fileLock.path());
        refuseIfNotWritable(Path.of(file));
    }

    /**
     * SQLite writes a journal next to the database, so both the file and its directory must be
     * writable. Found out only by the first write, that would surface as a migration's own failure
     * ("attempt to write a readonly database", "unable to open database file") with advice to fix
     * the migration; checked here, before anything runs, the message says what is really wrong.
     */
    private void refuseIfNotWritable(Path database) {
        Path directory = database.toAbsolutePath().getParent();
        String unwritable = !Files.isWritable(database) ? "the database file " + database
                : directory != null && !Files.isWritable(directory) ? "its directory " + directory : null;
        if (unwritable != null) {
            fileLock.release();
            fileLock = null;
            throw new CairnException("Cairn cannot migrate the SQLite database " + database + ": " + unwritable
                    + " is not writable by this process (SQLite writes its journal next to the database file). "
                    + "Nothing was applied. Make the database file and its directory writable for the user running "
                    + "the application (and check that the file system is not mounted read-only).", null);
        }
    }

    /**
     * Commits or rolls back what is open, then makes sure no transaction is left on the connection:
     * Cairn drives SQLite's transactions with SQL while the driver stays in auto-commit mode, so a
     * pool that gets the connection back cannot see an open transaction and would hand it to the
     * application as it is.
     */
    @Override
    public void unlock(Connection connection, String table, boolean commit) throws SQLException {
        try {
            if (transactionOpen) {
                transactionOpen = false;
                if (commit) {
                    commit(connection);
                } else {
                    execute(connection, "ROLLBACK");
                }
            }
            if (rollbackIfOpen(connection)) {
                LOG.log(Level.WARNING, "A transaction was still open on the connection when Cairn's run ended (a "
                        + "migration's own BEGIN?); Cairn rolled it back so that the connection goes back as it came.");
            }
        } finally {
            if (fileLock != null) {
                fileLock.release();
                fileLock = null;
            }
        }
    }

    @Override
    public void beginUnit(Connection connection) throws SQLException {
        if (fileLock != null) {
            beginImmediate(connection, null);
        } else {
            execute(connection, "SAVEPOINT cairn_unit");
        }
    }

    @Override
    public void commitUnit(Connection connection) throws SQLException {
        if (fileLock != null) {
            transactionOpen = false;
            commit(connection);
        } else {
            execute(connection, "RELEASE SAVEPOINT cairn_unit");
        }
    }

    @Override
    public void rollbackUnit(Connection connection) throws SQLException {
        if (fileLock != null) {
            transactionOpen = false;
            rollbackIfOpen(connection); // SQLite may have rolled back on its own (SQLITE_FULL, OR ROLLBACK)
        } else {
            execute(connection, "ROLLBACK TO SAVEPOINT cairn_unit");
            execute(connection, "RELEASE SAVEPOINT cairn_unit");
        }
    }

    @Override
    public void markUnit(Connection connection) throws SQLException {
        execute(connection, "SAVEPOINT " + GUARD);
    }

    /** The guard savepoint is gone exactly when the transaction it was set in ended. */
    @Override
    public UnitState unitState(Connection connection) throws SQLException {
        try {
            execute(connection, "RELEASE SAVEPOINT " + GUARD);
            return UnitState.OPEN;
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("no such savepoint")) {
                return UnitState.ENDED;
            }
            throw e;
        }
    }

    @Override
    public void discardEndedUnit(Connection connection) throws SQLException {
        rollbackIfOpen(connection);
        transactionOpen = false;
        if (fileLock == null) {
            beginImmediate(connection, busyTimeout());
        }
    }

    @Override
    public boolean rollsBackTransaction(SQLException exception) {
        int code = exception.getErrorCode() & 0xff;
        return code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_NOMEM || code == SQLITE_BUSY
                || code == SQLITE_INTERRUPT || code == SQLITE_CONSTRAINT;
    }

    private Duration busyTimeout() {
        return Duration.ofMillis(busyTimeoutMillis);
    }

    /**
     * COMMIT, and if it fails (SQLITE_BUSY while a reader holds the shared lock past the busy
     * timeout, SQLITE_FULL), roll back: SQLite keeps the transaction open after a failed COMMIT,
     * and Cairn reports the unit as rolled back and returns the connection to the application.
     */
    private static void commit(Connection connection) throws SQLException {
        try {
            execute(connection, "COMMIT");
        } catch (SQLException e) {
            try {
                rollbackIfOpen(connection);
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
    }

    /** Rolls back the open transaction, if any; returns whether there was one. */
    private static boolean rollbackIfOpen(Connection connection) throws SQLException {
        try {
            execute(connection, "ROLLBACK");
            return true;
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("no transaction is active")) {
                return false;
            }
            throw e;
        }
    }

    /**
     * For a file database nothing is open between units and the file lock stays held. In memory,
     * commits the run so far and gives up the write lock: statements such as {@code VACUUM}
     * cannot run inside a transaction; {@link #resumeAfterNonTransactional} takes it again.
     */
    @Override
    public void suspendForNonTransactional(Connection connection) throws SQLException {
        if (fileLock == null && transactionOpen) {
            transactionOpen = false;
            execute(connection, "COMMIT");
        }
    }

    @Override
    public boolean resumeAfterNonTransactional(Connection connection, String table, Duration timeout)
            throws SQLException {
        if (fileLock != null) {
            return false; // the file lock was held all along
        }
        long before = dataVersion(connection);
        beginImmediate(connection, timeout);
        // data_version changes when another connection commits; our own commits do not change it.
        return dataVersion(connection) != before;
    }

    @Override
    public void recordHighestVersion(Connection connection, MigrationVersion version) throws SQLException {
        // A 32-bit whole number: a version with parts (1.10) is mirrored by its first part (1).
        long mirrored = version.leadingPart();
        if (mirrored > Integer.MAX_VALUE) {
            LOG.log(Level.INFO, "PRAGMA user_version left unchanged: the highest applied version {0} does not fit in "
                    + "SQLite''s 32-bit user_version", version);
            return;
        }
        execute(connection, "PRAGMA user_version = " + mirrored);
    }

    /**
     * Every entry of the main database's {@code sqlite_master} (tables, views, indexes, triggers)
     * except the history table and what belongs to it, and SQLite's own {@code sqlite_} objects
     * ({@code sqlite_sequence}, {@code sqlite_stat1}, automatic indexes). Attached databases are
     * not looked at: Cairn migrates {@code main}.
     */
    @Override
    public List<SchemaObject> schemaObjects(Connection connection, String schema, String historyTable)
            throws SQLException {
        List<SchemaObject> objects = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT type, name FROM sqlite_master "
                + "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND lower(tbl_name) <> lower(?) "
                + "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 WHEN 'index' THEN 2 ELSE 3 END, name")) {
            query.setString(1, historyTable);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    objects.add(new SchemaObject(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return objects;
    }

    @Override
    public List<String> integrityProblems(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                while (rows.next()) {
                    String row = rows.getString(1);
                    if (!"ok".equalsIgnoreCase(row)) {
                        problems.add("integrity_check: " + row);
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
                while (rows.next()) {
                    problems.add("foreign_key_check: row " + rows.getString(2) + " of table " + rows.getString(1)
                            + " refers to a missing row in table " + rows.getString(3));
                }
            }
        }
        return problems;
    }

    /**
     * Takes SQLite's write lock, waiting up to the busy timeout. {@code timeout} is the run's lock
     * timeout when this is the migration lock itself, null when the file lock is held and the
     * wait is for one of the application's own writers.
     */
    private void beginImmediate(Connection connection, Duration timeout) throws SQLException {
        try {
            execute(connection, "BEGIN IMMEDIATE");
            transactionOpen = true;
        } catch (SQLException e) {
            if (!isBusy(e)) {
                throw e;
            }
            if (timeout != null) {
                throw ApiValues.get().lockTimeout("Another connection held the SQLite write lock for more than "
                        + timeout.toMillis() + " ms, so migrations could not start (" + e.getMessage() + "). "
                        + "Another instance may be migrating; wait and retry, or raise Migrator.Builder.lockTimeout.",
                        e);
            }
            throw ApiValues.get().lockTimeout("Another connection (not Cairn: Cairn's lock file is held) kept the SQLite "
                    + "write lock for more than " + busyTimeoutMillis + " ms, the busy timeout, so Cairn could not "
                    + "start its next transaction (" + e.getMessage() + "). What was committed before stays "
                    + "committed. Stop the application's own writers while migrating, or raise "
                    + "Migrator.Builder.lockTimeout (the busy timeout).", e);
        }
    }

    /** The main database's file, or "" for an in-memory or temporary database. */
    private static String mainDatabaseFile(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA database_list")) {
            while (rows.next()) {
                if ("main".equals(rows.getString("name"))) {
                    String file = rows.getString("file");
                    return file == null ? "" : file;
                }
            }
        }
        return "";
    }

    private static long dataVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA data_version")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static boolean isBusy(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == SQLITE_BUSY || code == SQLITE_LOCKED
                || (e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY"));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
