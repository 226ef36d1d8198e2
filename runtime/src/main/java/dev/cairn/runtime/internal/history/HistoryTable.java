package dev.cairn.runtime.internal.history;

import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.IncompatibleHistoryTableException;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.dialect.Dialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Reads and writes the history table. The table name was checked as a plain identifier when the
 * Migrator was built, and the schema (PostgreSQL) is quoted by the dialect, so concatenating the
 * qualified name into SQL is safe. Every statement names the table with its schema, settled once
 * per operation ({@link Dialect#beginOperation(Connection, java.time.Duration, String, String)}),
 * so that a migration that changes the session's search path cannot point Cairn at another
 * table. All writes use the caller's connection, so that a history row commits with its migration.
 *
 * <pre>{@code
 * OperationStart start = dialect.beginOperation(connection, lockTimeout, null, "cairn_schema_history");
 * HistoryTable table = new HistoryTable(start.schema(), "cairn_schema_history", dialect);  // before any migration runs
 * table.createIfMissing(connection);
 * History history = table.readIfExists(connection, false);
 * }</pre>
 */
public final class HistoryTable {

    /**
     * Whether the application has batched migrations: asked only when the whole history is read or
     * the table made, never on the one-row up-to-date start, which builds no descriptor.
     */
    private final BooleanSupplier batched;
    /** The checkpoints of batched migrations, once {@link #batches()} found the application has some. */
    private BatchTable batches;

    /** The longest error text stored; driver messages are rarely longer, stack traces are not stored. */
    private static final int MAX_ERROR_LENGTH = 4000;
    /** How often a read is tried when the schema keeps changing under it (SQLite re-prepares 50 times each). */
    private static final int SCHEMA_CHANGE_ATTEMPTS = 10;
    /**
     * The columns every Cairn history table has had; a table without one of them is not Cairn's
     * (see {@link Dialect#createHistoryTable(String)}).
     */
    private static final List<String> COLUMNS = List.of("installed_rank", "version", "description", "type", "event",
            "checksum", "installed_by", "installed_on", "execution_time_ms", "success", "error");
    /**
     * The column added later, recording the application (registry) that wrote each row. A table
     * made by an earlier Cairn lacks it: reads go without it (its rows have no known writer), and
     * the first operation under the lock adds it ({@link #upgradeIfNeeded}).
     */
    public static final String APPLICATION_COLUMN = "application";
    /**
     * The column added later for a version with parts ({@code 1.10}), as written; NULL for a whole
     * number, which {@code version} holds alone. {@code version} holds a version's first part, so
     * that the rows of {@code 1.10} still sort beside those of {@code 1} in a plain query.
     */
    public static final String VERSION_PARTS_COLUMN = "version_parts";
    /** The columns added after the first layout, with their lengths: nullable text, added under the lock. */
    private static final Map<String, Integer> LATER_COLUMNS = laterColumns();

    private static Map<String, Integer> laterColumns() {
        Map<String, Integer> columns = new LinkedHashMap<>();
        columns.put(APPLICATION_COLUMN, 200);
        columns.put(VERSION_PARTS_COLUMN, 100);
        return Collections.unmodifiableMap(columns);
    }

    /** For messages and the lock: {@code schema.table}, or the table alone without schema. */
    private final String name;
    /** The schema as settled, or null for a database without schemas. */
    private final String schema;
    /** The table's own name, without schema. */
    private final String table;
    /** For SQL: quoted and qualified as the dialect needs. */
    private final String sql;
    private final Dialect dialect;
    /** What {@link #append} records as the writer of each row; null for none. */
    private final String application;
    /** Whether the operation's start saw no relation of this name: see {@link #seenMissing()}. */
    private final boolean seenMissing;
    /** The INSERT of {@link #append}. */
    private final String insertSql;
    /**
     * The INSERT of {@link #appendRestoringSession}, after the dialect's
     * {@link Dialect#sessionRestoreStatement()}; null where the dialect has none.
     */
    private final String restoringInsertSql;
    /** Which of {@link #LATER_COLUMNS} the table lacks: null until a read or check found out. */
    private Set<String> missingColumns;

    /**
     * Creates the accessor for a checked table name in {@code schema}, as settled by
     * {@link Dialect#historySchema} (null for a database without schemas), writing rows without an
     * application.
     */
    public HistoryTable(String schema, String table, Dialect dialect) {
        this(schema, table, dialect, null);
    }

    /**
     * Creates the accessor for a checked table name in {@code schema}, as settled by
     * {@link Dialect#historySchema} (null for a database without schemas), recording
     * {@code application} (null for none) as the writer of every row it appends.
     */
    public HistoryTable(String schema, String table, Dialect dialect, String application) {
        this(schema, table, dialect, application, () -> false);
    }

    /**
     * As {@link #HistoryTable(String, String, Dialect, String)}, for an application with batched
     * migrations when {@code batched} says so: their checkpoint table ({@link #batches()}) is made
     * with the history table and read with it.
     */
    public HistoryTable(String schema, String table, Dialect dialect, String application, BooleanSupplier batched) {
        this(schema, table, dialect, application, batched, false);
    }

    /**
     * As {@link #HistoryTable(String, String, Dialect, String, BooleanSupplier)}, for an operation
     * whose start saw no relation of the table's name ({@code seenMissing}, see
     * {@link dev.cairn.runtime.internal.dialect.OperationStart#historySeenMissing()}).
     */
    public HistoryTable(String schema, String table, Dialect dialect, String application, BooleanSupplier batched,
            boolean seenMissing) {
        this.seenMissing = seenMissing;
        this.batched = batched;
        this.application = application;
        this.name = schema == null ? table : schema + "." + table;
        this.schema = schema;
        this.table = table;
        this.sql = dialect.qualify(schema, table);
        this.dialect = dialect;
        this.insertSql = "INSERT INTO " + sql + " (version, description, type, event, checksum, installed_by, installed_on,"
                + " execution_time_ms, success, error, " + APPLICATION_COLUMN + ", " + VERSION_PARTS_COLUMN
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        String restore = dialect.sessionRestoreStatement();
        this.restoringInsertSql = restore.isEmpty() ? null : restore + "; " + insertSql;
    }

    /** The batch table's own name, without schema, whether or not the application has batched migrations. */
    public String batchTableName() {
        return BatchTable.tableName(table);
    }

    /** The checkpoint table of batched migrations, or null for an application without any. */
    public BatchTable batches() {
        if (batches == null && batched.getAsBoolean()) {
            batches = new BatchTable(schema, table, dialect);
        }
        return batches;
    }

    /**
     * Whether the table did not exist when the operation began (as far as the dialect could see
     * in the statement that began it; false when it could not tell). Only an operation's first
     * reads before the lock may skip the table for it: another instance may create it at any
     * moment, so every later read, and every read under the lock, asks the database. Skipping
     * that first read spares a fresh database a failed query (PostgreSQL's server logs it as an
     * ERROR) and a round trip.
     */
    public boolean seenMissing() {
        return seenMissing;
    }

    /** The schema the table lives in, as settled for this operation; null for a database without schemas. */
    public String schema() {
        return schema;
    }

    /** The table's own name, without schema. */
    public String table() {
        return table;
    }

    /** The table's name with its schema, for messages and the migration lock. */
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
        return retryingSchemaChanges(() -> readOnce(connection, details));
    }

    private History readOnce(Connection connection, boolean details) throws SQLException {
        // A later column the table lacks is read as NULL, so that every column keeps its place.
        String application = columnOrNull(APPLICATION_COLUMN);
        String parts = columnOrNull(VERSION_PARTS_COLUMN);
        String columns = details
                ? "installed_rank, version, description, type, event, checksum, installed_by, installed_on, "
                        + "execution_time_ms, error, " + application + ", " + parts
                : "version, event, checksum, type, error, installed_rank, " + application + ", description, " + parts;
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT " + columns + " FROM " + sql
                        + " ORDER BY installed_rank")) {
            while (result.next()) {
                try {
                    rows.add(details ? detailedRow(result) : leanRow(result));
                } catch (UnreadableRow unreadable) {
                    throw unreadable(result, details, unreadable.getMessage());
                }
            }
        } catch (SQLException e) {
            if (dialect.isMissingTable(e)) {
                return null;
            }
            if (dialect.isLockContention(e)) {
                // Another connection holds the database: asking about the table's layout would only wait
                // again, a lock timeout more each time. The caller waits properly, for the migration lock.
                throw e;
            }
            if (missingColumns == null && !dialect.isSchemaChanged(e)) {
                Set<String> missing = missingLaterColumns(connection);
                if (missing != null && !missing.isEmpty()) {
                    // A table made by an earlier Cairn, not upgraded yet: read it as it is.
                    missingColumns = missing;
                    return readOnce(connection, details);
                }
            }
            throw explainIfIncompatible(connection, e);
        }
        if (missingColumns == null) {
            missingColumns = Collections.emptySet();
        }
        History history = new History(rows);
        if (batches() != null) {
            Map<MigrationVersion, BatchCheckpoint> checkpoints = batches.readAllIfExists(connection);
            if (checkpoints != null && !checkpoints.isEmpty()) {
                history = history.withCheckpoints(checkpoints);
            }
        }
        return history;
    }

    private String columnOrNull(String column) {
        return missingColumns != null && missingColumns.contains(column) ? "NULL" : column;
    }

    private HistoryRow detailedRow(ResultSet result) throws SQLException {
        Instant installedOn;
        try {
            installedOn = dialect.getInstant(result, 8);
        } catch (DateTimeException e) {
            throw new UnreadableRow("its installed_on '" + result.getString(8) + "' is not a timestamp Cairn can read ("
                    + e.getMessage() + ")");
        }
        return new HistoryRow(result.getLong(1), version(result, 2, 12), result.getString(3), result.getString(4),
                event(result, 5), result.getString(6), result.getString(7), installedOn, result.getLong(9),
                result.getString(10), result.getString(11));
    }

    private HistoryRow leanRow(ResultSet result) throws SQLException {
        // Drivers decode a text column only when asked; type and error matter only for failures,
        // the description only for a row another application wrote (to name its migrations).
        HistoryEvent event = event(result, 2);
        String writtenBy = result.getString(7);
        MigrationVersion version = version(result, 1, 9);
        // A repeatable migration's rows (version 0) are known by their description.
        String description = (writtenBy != null && !writtenBy.equals(application))
                || (version.isWhole() && version.asLong() == 0) ? result.getString(8) : null;
        return new HistoryRow(result.getLong(6), version, description,
                event.success() ? null : result.getString(4), event, result.getString(3), null, null, 0,
                event.success() ? null : result.getString(5), writtenBy);
    }

    /**
     * The row's version: the parts column when it holds one ({@code 1.10}), else the version column
     * as a whole number; a NULL, a text or a fraction (SQLite stores what it is given) is not.
     */
    private static MigrationVersion version(ResultSet result, int column, int partsColumn) throws SQLException {
        String parts = result.getString(partsColumn);
        if (parts != null) {
            String problem = MigrationVersion.problemWith(parts);
            if (problem != null) {
                throw new UnreadableRow("its " + VERSION_PARTS_COLUMN + " is not a version: " + problem);
            }
            return MigrationVersion.parse(parts);
        }
        Object value = result.getObject(column);
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            long whole = ((Number) value).longValue();
            if (whole >= 0) {
                return MigrationVersion.of(whole);
            }
        }
        if (value instanceof BigDecimal) {
            try {
                long whole = ((BigDecimal) value).longValueExact();
                if (whole >= 0) {
                    return MigrationVersion.of(whole);
                }
            } catch (ArithmeticException notWhole) {
                // reported below
            }
        }
        throw new UnreadableRow(value == null ? "its version is NULL"
                : "its version '" + value + "' is not a whole number");
    }

    private static HistoryEvent event(ResultSet result, int column) throws SQLException {
        String name = result.getString(column);
        if (name == null) {
            throw new UnreadableRow("its event is NULL");
        }
        try {
            return HistoryEvent.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new UnreadableRow("unknown event '" + name + "' (this version of Cairn knows "
                    + Arrays.toString(HistoryEvent.values()) + ")");
        }
    }

    /** The typed exception for the row the result is on, named by rank, version and event as stored. */
    private IncompatibleHistoryTableException unreadable(ResultSet result, boolean details, String why)
            throws SQLException {
        String row = result.getString(details ? 1 : 6) + " (version " + result.getString(details ? 2 : 1)
                + ", event " + result.getString(details ? 5 : 2) + ")";
        return ApiValues.get().unreadableHistoryRow(name, row, why);
    }

    /** Why a row cannot be read; turned into {@link IncompatibleHistoryTableException} naming the row. */
    private static final class UnreadableRow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableRow(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * Reads only the latest row (event and checksum), in one query that an index answers: what the
     * startup check needs to see whether a {@link HistoryEvent#VERIFIED} row still stands.
     *
     * @return the row with only event and checksum set, or null when the table is missing or empty
     *     (or the event is one this version of Cairn does not know, or NULL)
     */
    public HistoryRow readLatestIfExists(Connection connection) throws SQLException {
        return retryingSchemaChanges(() -> readLatestOnce(connection));
    }

    private HistoryRow readLatestOnce(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT event, checksum FROM " + sql
                        + " ORDER BY installed_rank DESC LIMIT 1")) {
            if (!result.next()) {
                return null;
            }
            HistoryEvent event;
            try {
                event = event(result, 1);
            } catch (UnreadableRow unreadable) {
                return null; // the full read reports it, naming the row
            }
            return new HistoryRow(0, MigrationVersion.of(0), null, null, event, result.getString(2), null, null, 0,
                    null);
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
        List<String> present = retryingSchemaChanges(() -> columns(connection));
        List<String> missing = new ArrayList<>(COLUMNS);
        missing.removeAll(present);
        if (!missing.isEmpty()) {
            throw ApiValues.get().incompatibleHistoryTable(name, missing, present);
        }
        missingColumns = new LinkedHashSet<>(LATER_COLUMNS.keySet());
        missingColumns.removeAll(present);
    }

    /**
     * The later columns ({@link #LATER_COLUMNS}) a table with every first column of a Cairn history
     * table lacks: made by an earlier Cairn version. Null when the table is not such a table, or its
     * columns cannot be read. Asked only after a read failed.
     */
    private static Set<String> missingLaterColumns(List<String> present) {
        if (!present.containsAll(COLUMNS)) {
            return null;
        }
        Set<String> missing = new LinkedHashSet<>(LATER_COLUMNS.keySet());
        missing.removeAll(present);
        return missing;
    }

    private Set<String> missingLaterColumns(Connection connection) {
        try {
            return missingLaterColumns(columns(connection));
        } catch (SQLException e) {
            return null; // the read's own failure stands
        }
    }

    /**
     * Brings a table made by an earlier Cairn to the current layout: adds the nullable
     * {@link #LATER_COLUMNS} it lacks (its existing rows keep NULL: writer unknown, whole versions).
     * Call under the lock, in a unit, after {@link #checkColumns}; does nothing when the table has them.
     *
     * @return the columns added, in order; empty when there was nothing to do
     */
    public List<String> upgradeIfNeeded(Connection connection) throws SQLException {
        if (missingColumns == null || missingColumns.isEmpty()) {
            return List.of();
        }
        List<String> added = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (String column : missingColumns) {
                statement.execute(dialect.addTextColumn(sql, column, LATER_COLUMNS.get(column)));
                added.add(column);
            }
        }
        missingColumns = Collections.emptySet();
        return added;
    }

    /** The statements that bring a table of an earlier Cairn to the current layout, for a message. */
    public List<String> upgradeStatements() {
        List<String> statements = new ArrayList<>();
        for (Map.Entry<String, Integer> column : LATER_COLUMNS.entrySet()) {
            if (missingColumns == null || missingColumns.contains(column.getKey())) {
                statements.add(dialect.addTextColumn(sql, column.getKey(), column.getValue()));
            }
        }
        return statements;
    }

    private List<String> columns(Connection connection) throws SQLException {
        List<String> present = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM " + sql + " WHERE 1 = 0")) {
            ResultSetMetaData metaData = result.getMetaData();
            for (int column = 1; column <= metaData.getColumnCount(); column++) {
                present.add(metaData.getColumnName(column).toLowerCase(Locale.ROOT));
            }
        }
        return present;
    }

    /** One read of the table. */
    private interface Read<T> {
        T run() throws SQLException;
    }

    /**
     * Runs a read again when the schema changed under it so often that the database gave up
     * (SQLite's {@code SQLITE_SCHEMA}, while another connection commits DDL in a loop); reading
     * again is harmless. The last failure is thrown: without the lock the caller then waits for
     * the lock instead.
     */
    private <T> T retryingSchemaChanges(Read<T> read) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.run();
            } catch (SQLException e) {
                if (attempt >= SCHEMA_CHANGE_ATTEMPTS || !dialect.isSchemaChanged(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * A read failed although the table exists: if the table lacks Cairn's columns, say so (typed);
     * otherwise the read's own failure stands.
     */
    private SQLException explainIfIncompatible(Connection connection, SQLException failure) {
        if (dialect.isSchemaChanged(failure) || dialect.isLockContention(failure)) {
            // The table is fine: the schema changed under the read (tried again), or another
            // connection held the database (a layout check would wait once more).
            return failure;
        }
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

    /**
     * Creates the table if it does not exist.
     *
     * @throws CairnException if its schema does not exist (a configured {@code historySchema})
     */
    public void createIfMissing(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.createHistoryTable(sql));
            if (batches() != null) {
                batches.createIfMissing(connection);
            }
        } catch (SQLException e) {
            if (!dialect.isMissingTable(e)) {
                throw e;
            }
            // Creating a table, only its schema can be missing.
            String schema = name.substring(0, Math.max(0, name.lastIndexOf('.')));
            throw new CairnException("Cairn cannot create the history table " + name + ": its schema " + schema
                    + " does not exist (SQL state " + e.getSQLState() + ": " + e.getMessage() + "). Nothing was applied. Create the schema "
                    + "(CREATE SCHEMA " + schema + ") and run again, or name an existing schema in "
                    + "Migrator.Builder.historySchema(...).", e);
        }
    }

    /** Appends one row (its rank is assigned by the database). */
    public void append(Connection connection, HistoryRow row) throws SQLException {
        // A new statement per row, closed before the migration after it runs: a statement kept open
        // across migrations is one SQLite counts as in progress (sqlite-jdbc leaves it unreset), and
        // a non-transactional migration's VACUUM then fails.
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            bind(insert, 0, row);
            insert.executeUpdate();
        }
    }

    /**
     * Whether {@link #appendRestoringSession} puts the session state back in the insert's own
     * round trip ({@link Dialect#sessionRestoreStatement()}).
     */
    public boolean restoresSessionWithAppend() {
        return restoringInsertSql != null;
    }

    /**
     * Appends one row after a migration ran, first putting back the session state {@code session}
     * (read by {@link Dialect#sessionState} before the run), in the same round trip, so that the
     * row is written with the session the run began with (not, say, as a role the migration set).
     * Only where {@link #restoresSessionWithAppend()}.
     *
     * @return the session state as the migration left it
     */
    public String appendRestoringSession(Connection connection, HistoryRow row, String session) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(restoringInsertSql)) {
            bind(insert, dialect.bindSessionRestore(insert, session), row);
            insert.execute(); // the restore's row first, then the INSERT's count; a failure of either throws here
            try (ResultSet restored = insert.getResultSet()) {
                restored.next();
                return restored.getString(1);
            }
        }
    }

    /** Binds {@code row} to the INSERT's twelve parameters, after the first {@code before}. */
    private void bind(PreparedStatement insert, int before, HistoryRow row) throws SQLException {
        insert.setLong(before + 1, row.version().leadingPart());
        insert.setString(before + 2, truncate(row.description(), 200));
        insert.setString(before + 3, row.type());
        insert.setString(before + 4, row.event().name());
        insert.setString(before + 5, row.checksum());
        insert.setString(before + 6, truncate(row.installedBy(), 100));
        dialect.setInstant(insert, before + 7, row.installedOn());
        insert.setLong(before + 8, row.executionTimeMillis());
        insert.setBoolean(before + 9, row.event().success());
        insert.setString(before + 10, truncate(withoutNul(row.error()), MAX_ERROR_LENGTH));
        insert.setString(before + 11, application);
        insert.setString(before + 12, row.version().isWhole() ? null : row.version().toString());
    }

    /**
     * Deletes the latest failed row of {@code version} whose error is exactly {@code error}: the
     * marker a non-transactional migration leaves while it runs, removed in the unit that records
     * how it ended (see {@code MigrationRunner}). Only the latest: an earlier marker of the same
     * version, left by a crash and cleared by {@code repair}, stays in the audit trail.
     */
    public void deleteFailure(Connection connection, MigrationVersion version, String error) throws SQLException {
        // The rank through a derived table: MySQL refuses a DELETE whose subquery reads the same table
        // (error 1093) unless the subquery's result is materialized first; the others accept both.
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + sql
                + " WHERE installed_rank = (SELECT latest FROM (SELECT MAX(installed_rank) AS latest FROM " + sql
                + " WHERE version = ? AND " + (version.isWhole() ? VERSION_PARTS_COLUMN + " IS NULL"
                        : VERSION_PARTS_COLUMN + " = ?") + " AND success = ? AND error = ?) marker)")) {
            int parameter = 1;
            delete.setLong(parameter++, version.leadingPart());
            if (!version.isWhole()) {
                delete.setString(parameter++, version.toString());
            }
            delete.setBoolean(parameter++, false);
            delete.setString(parameter, error);
            delete.executeUpdate();
        }
    }

    /**
     * A failure's text with NUL characters spelled out: a driver or application message may hold
     * one, and PostgreSQL cannot store it, which would lose the failure row.
     */
    private static String withoutNul(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "\\0");
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
