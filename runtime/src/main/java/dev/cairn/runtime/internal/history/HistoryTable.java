package dev.cairn.runtime.internal.history;

import dev.cairn.runtime.IncompatibleHistoryTableException;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes the history table. The table name was checked as a plain identifier when the
 * Migrator was built, so concatenating it into SQL is safe. All writes use the caller's
 * connection, so that a history row commits with its migration.
 *
 * <pre>{@code
 * HistoryTable table = new HistoryTable("cairn_schema_history", dialect);
 * table.createIfMissing(connection);
 * History history = table.readIfExists(connection, false);
 * }</pre>
 */
public final class HistoryTable {

    /** The longest error text stored; driver messages are rarely longer, stack traces are not stored. */
    private static final int MAX_ERROR_LENGTH = 4000;
    /** The columns of a Cairn history table (see {@link Dialect#createHistoryTable(String)}). */
    private static final List<String> COLUMNS = List.of("installed_rank", "version", "description", "type", "event",
            "checksum", "installed_by", "installed_on", "execution_time_ms", "success", "error");

    private final String name;
    private final Dialect dialect;

    /** Creates the accessor for a checked table name. */
    public HistoryTable(String name, Dialect dialect) {
        this.name = name;
        this.dialect = dialect;
    }

    /** The table's name. */
    public String name() {
        return name;
    }

    /**
     * Reads the whole history in one query, or returns null when the table does not exist yet
     * (the cheapest way to find out: no catalog query on the up-to-date path).
     *
     * @param details whether to read who, when and errors too (for {@code info}); the lean read
     *     is what the startup path uses
     */
    public History readIfExists(Connection connection, boolean details) throws SQLException {
        String columns = details
                ? "installed_rank, version, description, type, event, checksum, installed_by, installed_on, "
                        + "execution_time_ms, error"
                : "version, event, checksum, type, error";
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT " + columns + " FROM " + name
                        + " ORDER BY installed_rank")) {
            while (result.next()) {
                if (details) {
                    rows.add(new HistoryRow(result.getLong(1), result.getLong(2), result.getString(3),
                            result.getString(4), HistoryEvent.valueOf(result.getString(5)), result.getString(6),
                            result.getString(7), dialect.getInstant(result, 8), result.getLong(9),
                            result.getString(10)));
                } else {
                    // Drivers decode a text column only when asked; type and error matter only for failures.
                    HistoryEvent event = HistoryEvent.valueOf(result.getString(2));
                    rows.add(new HistoryRow(0, result.getLong(1), null, event.success() ? null : result.getString(4),
                            event, result.getString(3), null, null, 0, event.success() ? null : result.getString(5)));
                }
            }
        } catch (SQLException e) {
            if (dialect.isMissingTable(e)) {
                return null;
            }
            throw explainIfIncompatible(connection, e);
        }
        return new History(rows);
    }

    /**
     * Reads only the latest row (event and checksum), in one query that an index answers: what the
     * startup check needs to see whether a {@link HistoryEvent#VERIFIED} row still stands.
     *
     * @return the row with only event and checksum set, or null when the table is missing or empty
     *     (or the event is one this version of Cairn does not know)
     */
    public HistoryRow readLatestIfExists(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT event, checksum FROM " + name
                        + " ORDER BY installed_rank DESC LIMIT 1")) {
            if (!result.next()) {
                return null;
            }
            HistoryEvent event;
            try {
                event = HistoryEvent.valueOf(result.getString(1));
            } catch (IllegalArgumentException writtenByANewerCairn) {
                return null; // the full read reports it
            }
            return new HistoryRow(0, 0, null, null, event, result.getString(2), null, null, 0, null);
        } catch (SQLException e) {
            if (dialect.isMissingTable(e)) {
                return null;
            }
            throw explainIfIncompatible(connection, e);
        }
    }

    /**
     * Checks that the existing table has every column Cairn needs, in one query that reads no
     * row; the locked path runs it before anything is applied.
     *
     * @throws IncompatibleHistoryTableException naming the missing columns
     */
    public void checkColumns(Connection connection) throws SQLException {
        List<String> present = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM " + name + " WHERE 1 = 0")) {
            ResultSetMetaData metaData = result.getMetaData();
            for (int column = 1; column <= metaData.getColumnCount(); column++) {
                present.add(metaData.getColumnName(column).toLowerCase(Locale.ROOT));
            }
        }
        List<String> missing = new ArrayList<>(COLUMNS);
        missing.removeAll(present);
        if (!missing.isEmpty()) {
            throw ApiValues.get().incompatibleHistoryTable(name, missing, present);
        }
    }

    /**
     * A read failed although the table exists: if the table lacks Cairn's columns, say so (typed);
     * otherwise the read's own failure stands.
     */
    private SQLException explainIfIncompatible(Connection connection, SQLException failure) {
        try {
            checkColumns(connection);
        } catch (SQLException checkFailed) {
            failure.addSuppressed(checkFailed);
        } catch (IncompatibleHistoryTableException incompatible) {
            incompatible.addSuppressed(failure);
            throw incompatible;
        }
        return failure;
    }

    /** Creates the table if it does not exist. */
    public void createIfMissing(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.createHistoryTable(name));
        }
    }

    /** Appends one row (its rank is assigned by the database). */
    public void append(Connection connection, HistoryRow row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + name
                + " (version, description, type, event, checksum, installed_by, installed_on, execution_time_ms,"
                + " success, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, row.version());
            insert.setString(2, truncate(row.description(), 200));
            insert.setString(3, row.type());
            insert.setString(4, row.event().name());
            insert.setString(5, row.checksum());
            insert.setString(6, truncate(row.installedBy(), 100));
            dialect.setInstant(insert, 7, row.installedOn());
            insert.setLong(8, row.executionTimeMillis());
            insert.setBoolean(9, row.event().success());
            insert.setString(10, truncate(row.error(), MAX_ERROR_LENGTH));
            insert.executeUpdate();
        }
    }

    /**
     * Deletes the failed rows of {@code version} whose error is exactly {@code error}: the marker
     * a non-transactional migration leaves while it runs, removed in the unit that records how it
     * ended (see {@code MigrationRunner}).
     */
    public void deleteFailure(Connection connection, long version, String error) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + name + " WHERE version = ? AND success = ? AND error = ?")) {
            delete.setLong(1, version);
            delete.setBoolean(2, false);
            delete.setString(3, error);
            delete.executeUpdate();
        }
    }

    /**
     * Deletes every failed row: the only deletion the audit trail allows, done by {@code repair}.
     *
     * @return the versions whose failures were deleted, ascending
     */
    public List<Long> deleteFailures(Connection connection) throws SQLException {
        List<Long> versions = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT version FROM " + name + " WHERE success = ? ORDER BY version")) {
            select.setBoolean(1, false);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    versions.add(result.getLong(1));
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + name + " WHERE success = ?")) {
            delete.setBoolean(1, false);
            delete.executeUpdate();
        }
        return versions;
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
