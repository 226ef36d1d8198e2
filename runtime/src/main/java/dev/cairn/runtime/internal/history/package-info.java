/**
 * The history table: rows as written and read ({@link dev.cairn.runtime.internal.history.HistoryRow}),
 * the events they record, and the state of each version folded from them
 * ({@link dev.cairn.runtime.internal.history.History}). Internal to Cairn.
 *
 * <pre>{@code
 * OperationStart start = dialect.beginOperation(connection, lockTimeout, null, "cairn_schema_history");
 * History history = new HistoryTable(start.schema(), "cairn_schema_history", dialect)   // schema null on SQLite
 *         .readIfExists(connection, false);
 * boolean applied = history != null && history.isApplied(3);
 * }</pre>
 */
package dev.cairn.runtime.internal.history;
