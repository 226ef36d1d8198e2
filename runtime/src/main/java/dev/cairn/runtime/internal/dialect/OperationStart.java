package dev.cairn.runtime.internal.dialect;

/**
 * What {@link Dialect#beginOperation(java.sql.Connection, java.time.Duration, String, String)}
 * settled for one operation: the session setting to put back at its end, the history table's
 * schema, and whether the table was seen missing.
 *
 * <pre>{@code
 * OperationStart start = dialect.beginOperation(connection, lockTimeout, null, "cairn_schema_history");
 * if (start.historySeenMissing()) {
 *     // a fresh database: no history to read before the lock (and no failed query in the server's log)
 * }
 * dialect.endOperation(connection, start.saved());
 * }</pre>
 */
public final class OperationStart {

    private final String saved;
    private final String schema;
    private final boolean historySeenMissing;

    public OperationStart(String saved, String schema, boolean historySeenMissing) {
        this.saved = saved;
        this.schema = schema;
        this.historySeenMissing = historySeenMissing;
    }

    /** What {@link Dialect#endOperation} puts back, or null. */
    public String saved() {
        return saved;
    }

    /** The history table's schema, or null for a database without schemas. */
    public String schema() {
        return schema;
    }

    /**
     * Whether the database had no relation of the history table's name when the operation began.
     * Only a first read before the lock may rely on it: another instance may create the table at
     * any moment, so every later read, and every read under the lock, still asks the database.
     */
    public boolean historySeenMissing() {
        return historySeenMissing;
    }
}
