package dev.cairn.runtime.internal.history;

import dev.cairn.runtime.BatchKey;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.internal.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The checkpoints of batched migrations: {@code <history table>_batches}, beside the history
 * table, one row per batched migration that has started and not finished. A batch's work and the
 * update of its row commit together, so the row always names the last committed batch; the
 * transaction that records the migration as applied deletes it. Made only for an application
 * that has a batched migration, under the migration lock, with the history table.
 *
 * <pre>{@code
 * BatchTable batches = historyTable.batches();
 * BatchCheckpoint checkpoint = batches.read(connection, version);   // null: not started
 * }</pre>
 */
public final class BatchTable {

    /** What the history table's name may keep, so that the batch table's name fits every database's limit (63). */
    private static final int NAME_ROOM = 55;
    private static final String COLUMNS = "version, checksum, key_kind, last_key, batches, rows_done, rows_total, "
            + "elapsed_ms, started_on, updated_on, failed_batch, error";

    private final String name;
    private final String sql;
    private final Dialect dialect;

    BatchTable(String schema, String historyTable, Dialect dialect) {
        String table = tableName(historyTable);
        this.name = schema == null ? table : schema + "." + table;
        this.sql = dialect.qualify(schema, table);
        this.dialect = dialect;
    }

    /** The batch table's name beside the history table {@code historyTable}. */
    static String tableName(String historyTable) {
        return (historyTable.length() > NAME_ROOM ? historyTable.substring(0, NAME_ROOM) : historyTable) + "_batches";
    }

    /** The table's name with its schema, for messages. */
    public String name() {
        return name;
    }

    public void createIfMissing(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.createBatchTable(sql));
        }
    }

    /** Every checkpoint, or null when the table does not exist (no batched migration ever started). */
    public Map<MigrationVersion, BatchCheckpoint> readAllIfExists(Connection connection) throws SQLException {
        Map<MigrationVersion, BatchCheckpoint> checkpoints = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT " + COLUMNS + " FROM " + sql)) {
            while (result.next()) {
                BatchCheckpoint checkpoint = checkpoint(result);
                checkpoints.put(checkpoint.version(), checkpoint);
            }
        } catch (SQLException e) {
            if (dialect.isMissingTable(e)) {
                return null;
            }
            throw e;
        }
        return checkpoints;
    }

    /** The checkpoint of {@code version}, or null when it has none (not started, or finished). */
    public BatchCheckpoint read(Connection connection, MigrationVersion version) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + sql
                + " WHERE version = ?")) {
            select.setString(1, version.toString());
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? checkpoint(result) : null;
            }
        }
    }

    /** Records that a batched migration starts: no batch committed yet. */
    public void insert(Connection connection, BatchCheckpoint checkpoint) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + sql + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, checkpoint.version().toString());
            insert.setString(2, checkpoint.checksum());
            setKey(insert, 3, checkpoint.lastKey());
            insert.setLong(5, checkpoint.batches());
            insert.setLong(6, checkpoint.rowsDone());
            if (checkpoint.rowsTotal() < 0) {
                insert.setNull(7, Types.BIGINT);
            } else {
                insert.setLong(7, checkpoint.rowsTotal());
            }
            insert.setLong(8, checkpoint.elapsedMillis());
            dialect.setInstant(insert, 9, checkpoint.startedOn());
            dialect.setInstant(insert, 10, checkpoint.updatedOn());
            insert.setString(11, checkpoint.failedBatch());
            insert.setString(12, checkpoint.error());
            insert.executeUpdate();
        }
    }

    /**
     * The statement that moves a checkpoint past a batch ({@link #advance}), prepared once for a run
     * of batches; the caller closes it.
     */
    public PreparedStatement prepareAdvance(Connection connection) throws SQLException {
        return connection.prepareStatement("UPDATE " + sql + " SET key_kind = ?, last_key = ?, batches = ?, "
                + "rows_done = ?, elapsed_ms = ?, updated_on = ?, failed_batch = NULL, error = NULL WHERE version = ?");
    }

    /**
     * Moves the checkpoint past a batch, in the batch's own transaction, through a statement of
     * {@link #prepareAdvance}; clears an earlier failure.
     */
    public void advance(PreparedStatement update, BatchCheckpoint checkpoint) throws SQLException {
        {
            setKey(update, 1, checkpoint.lastKey());
            update.setLong(3, checkpoint.batches());
            update.setLong(4, checkpoint.rowsDone());
            update.setLong(5, checkpoint.elapsedMillis());
            dialect.setInstant(update, 6, checkpoint.updatedOn());
            update.setString(7, checkpoint.version().toString());
            if (update.executeUpdate() != 1) {
                throw new SQLException("The checkpoint row of batched migration " + checkpoint.version() + " in " + name
                        + " is gone: it was deleted while the migration ran");
            }
        }
    }

    /** Records a failed batch (its keys and error) after its transaction was rolled back; the checkpoint stays. */
    public void recordFailure(Connection connection, MigrationVersion version, String failedBatch, String error,
            long addedMillis, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + sql + " SET failed_batch = ?, error = ?, "
                + "elapsed_ms = elapsed_ms + ?, updated_on = ? WHERE version = ?")) {
            update.setString(1, truncate(failedBatch, 2000));
            update.setString(2, error);
            update.setLong(3, addedMillis);
            dialect.setInstant(update, 4, now);
            update.setString(5, version.toString());
            update.executeUpdate();
        }
    }

    /** Records the code's checksum for a migration in progress (repair after a deliberate edit). */
    public void realignChecksum(Connection connection, MigrationVersion version, String checksum) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + sql + " SET checksum = ? WHERE version = ?")) {
            update.setString(1, checksum);
            update.setString(2, version.toString());
            update.executeUpdate();
        }
    }

    /** Deletes the checkpoint: in the transaction that records the migration as applied, or when it is forgotten. */
    public void delete(Connection connection, MigrationVersion version) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + sql + " WHERE version = ?")) {
            delete.setString(1, version.toString());
            delete.executeUpdate();
        }
    }

    private static void setKey(PreparedStatement statement, int index, BatchKey key) throws SQLException {
        statement.setString(index, key == null ? null : key.isNumber() ? "number" : "text");
        statement.setString(index + 1, key == null ? null : key.asText());
    }

    private BatchCheckpoint checkpoint(ResultSet result) throws SQLException {
        String kind = result.getString(3);
        String key = result.getString(4);
        BatchKey lastKey = kind == null || key == null ? null
                : "number".equals(kind) ? BatchKey.of(Long.parseLong(key)) : BatchKey.of(key);
        long total = result.getLong(7);
        if (result.wasNull()) {
            total = -1;
        }
        return new BatchCheckpoint(MigrationVersion.parse(result.getString(1)), result.getString(2), lastKey,
                result.getLong(5), result.getLong(6), total, result.getLong(8), dialect.getInstant(result, 9),
                dialect.getInstant(result, 10), result.getString(11), result.getString(12));
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
