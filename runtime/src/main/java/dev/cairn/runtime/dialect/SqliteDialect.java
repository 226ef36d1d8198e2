package dev.cairn.runtime.dialect;

import dev.cairn.runtime.LockTimeoutException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite through sqlite-jdbc.
 *
 * <p>The lock is SQLite's own write lock: {@code BEGIN IMMEDIATE} taken up front and held for the
 * whole run, waited for through {@code PRAGMA busy_timeout}. A crashed holder's lock vanishes with
 * its process, so there is nothing stale to clean up. Because SQLite has one write transaction at a
 * time, a run is that one transaction and each migration is a {@code SAVEPOINT} inside it: a failing
 * migration is rolled back to its savepoint alone, migrations before it commit with the run, and a
 * crash in the middle leaves the database as it was before the run.
 *
 * <p>The connection stays in JDBC auto-commit mode and transactions are driven by SQL statements,
 * which works with any DataSource's connection settings.
 *
 * <p>{@code PRAGMA user_version} is a signed 32-bit integer; when the highest applied version does
 * not fit (timestamp versions such as 20251119143022), user_version is left unchanged and a note is
 * logged.
 *
 * <pre>{@code
 * Dialect sqlite = Dialects.detect(sqliteConnection);   // this class
 * }</pre>
 */
public final class SqliteDialect implements Dialect {

    static final SqliteDialect INSTANCE = new SqliteDialect();

    private static final System.Logger LOG = System.getLogger("dev.cairn");
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private SqliteDialect() {
    }

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public String createHistoryTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "installed_rank INTEGER PRIMARY KEY, "
                + "version INTEGER NOT NULL, "
                + "description TEXT NOT NULL, "
                + "type TEXT NOT NULL, "
                + "event TEXT NOT NULL, "
                + "checksum TEXT, "
                + "installed_by TEXT NOT NULL, "
                + "installed_on TEXT NOT NULL, "
                + "execution_time_ms INTEGER NOT NULL, "
                + "success INTEGER NOT NULL, "
                + "error TEXT)";
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

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setString(index, instant.toString());
    }

    @Override
    public Instant getInstant(ResultSet resultSet, int index) throws SQLException {
        String text = resultSet.getString(index);
        return text == null ? null : Instant.parse(text);
    }

    @Override
    public void lock(Connection connection, String table, Duration timeout) throws SQLException {
        if (!connection.getAutoCommit()) {
            // A DataSource handing out non-auto-commit connections may have a transaction open;
            // end it so that BEGIN IMMEDIATE starts ours.
            connection.rollback();
            connection.setAutoCommit(true);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + timeout.toMillis());
            statement.execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            if (isBusy(e)) {
                throw new LockTimeoutException("Another connection held the SQLite write lock for more than "
                        + timeout.toMillis() + " ms, so migrations could not start (" + e.getMessage() + "). "
                        + "Another instance may be migrating; wait and retry, or raise Migrator.Builder.lockTimeout.",
                        e);
            }
            throw e;
        }
    }

    @Override
    public void unlock(Connection connection, String table, boolean commit) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(commit ? "COMMIT" : "ROLLBACK");
        }
    }

    @Override
    public void beginUnit(Connection connection) throws SQLException {
        execute(connection, "SAVEPOINT cairn_unit");
    }

    @Override
    public void commitUnit(Connection connection) throws SQLException {
        execute(connection, "RELEASE SAVEPOINT cairn_unit");
    }

    @Override
    public void rollbackUnit(Connection connection) throws SQLException {
        execute(connection, "ROLLBACK TO SAVEPOINT cairn_unit");
        execute(connection, "RELEASE SAVEPOINT cairn_unit");
    }

    /**
     * Commits the run so far and gives up the write lock: statements such as {@code VACUUM}
     * cannot run inside a transaction. Another instance may migrate meanwhile; the caller re-reads
     * the history when {@link #resumeAfterNonTransactional} says so.
     */
    @Override
    public void suspendForNonTransactional(Connection connection) throws SQLException {
        execute(connection, "COMMIT");
    }

    @Override
    public boolean resumeAfterNonTransactional(Connection connection, String table, Duration timeout)
            throws SQLException {
        long before = dataVersion(connection);
        lock(connection, table, timeout);
        // data_version changes when another connection commits; our own commits do not change it.
        return dataVersion(connection) != before;
    }

    @Override
    public void recordHighestVersion(Connection connection, long version) throws SQLException {
        if (version > Integer.MAX_VALUE) {
            LOG.log(Level.INFO, "PRAGMA user_version left unchanged: the highest applied version {0} does not fit in "
                    + "SQLite''s 32-bit user_version", version);
            return;
        }
        execute(connection, "PRAGMA user_version = " + version);
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
