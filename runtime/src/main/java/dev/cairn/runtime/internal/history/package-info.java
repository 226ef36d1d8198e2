/**
 * The history table: rows as written and read ({@link dev.cairn.runtime.internal.history.HistoryRow}),
 * the events they record, and the state of each version folded from them
 * ({@link dev.cairn.runtime.internal.history.History}). Internal to Cairn.
 *
 * <pre>{@code
 * String schema = dialect.historySchema(connection, null, "cairn_schema_history");  // null on SQLite
 * History history = new HistoryTable(schema, "cairn_schema_history", dialect).readIfExists(connection, false);
 * boolean applied = history != null && history.isApplied(3);
 * }</pre>
 */
package dev.cairn.runtime.internal.history;
