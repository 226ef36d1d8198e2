package dev.cairn.runtime.internal.dialect;

import java.util.function.IntFunction;

/**
 * The history table's columns, written once: each dialect gives only its types. The columns and
 * their order are what {@code HistoryTable} reads and what an earlier Cairn wrote, so they change
 * only by adding a nullable column at the end (see {@code HistoryTable.upgradeIfNeeded}).
 *
 * <pre>{@code
 * HistoryTableLayout.Types sqlite = new HistoryTableLayout.Types("INTEGER PRIMARY KEY", "INTEGER",
 *         length -> "TEXT", "TEXT", "INTEGER", "TEXT", "");
 * HistoryTableLayout.create("cairn_schema_history", sqlite);   // CREATE TABLE IF NOT EXISTS ...
 * }</pre>
 */
final class HistoryTableLayout {

    /** One database's column types for the history table. */
    static final class Types {
        private final String rank;
        private final String wholeNumber;
        private final IntFunction<String> text;
        private final String timestamp;
        private final String bool;
        private final String longText;
        private final String tableOptions;

        /**
         * @param rank the type of {@code installed_rank}, with its primary key and how it is assigned
         * @param wholeNumber a 64-bit integer
         * @param text a text of at most the given length
         * @param timestamp a point in time, as the dialect writes {@code installed_on}
         * @param bool a boolean (or what stands for one)
         * @param longText the error text, which may be long
         * @param tableOptions what follows the column list (a storage engine, a character set), or ""
         */
        Types(String rank, String wholeNumber, IntFunction<String> text, String timestamp, String bool, String longText,
                String tableOptions) {
            this.rank = rank;
            this.wholeNumber = wholeNumber;
            this.text = text;
            this.timestamp = timestamp;
            this.bool = bool;
            this.longText = longText;
            this.tableOptions = tableOptions;
        }
    }

    private HistoryTableLayout() {
    }

    /** {@code CREATE TABLE IF NOT EXISTS} for {@code table}, as {@link Dialect#qualify} wrote its name. */
    static String create(String table, Types types) {
        return "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "installed_rank " + types.rank + ", "
                + "version " + types.wholeNumber + " NOT NULL, "
                + "description " + types.text.apply(200) + " NOT NULL, "
                + "type " + types.text.apply(30) + " NOT NULL, "
                + "event " + types.text.apply(20) + " NOT NULL, "
                + "checksum " + types.text.apply(128) + ", "
                + "installed_by " + types.text.apply(100) + " NOT NULL, "
                + "installed_on " + types.timestamp + " NOT NULL, "
                + "execution_time_ms " + types.wholeNumber + " NOT NULL, "
                + "success " + types.bool + " NOT NULL, "
                + "error " + types.longText + ", "
                + "application " + types.text.apply(200) + ", "
                + "version_parts " + types.text.apply(100) + ")"
                + (types.tableOptions.isEmpty() ? "" : " " + types.tableOptions);
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS} for the checkpoints of batched migrations, one row per
     * batched migration with committed batches and not finished (see {@code BatchTable}). Only
     * made once an application has a batched migration.
     */
    static String createBatches(String table, Types types) {
        return "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "version " + types.text.apply(100) + " NOT NULL PRIMARY KEY, "
                + "checksum " + types.text.apply(128) + ", "
                + "key_kind " + types.text.apply(10) + ", "
                + "last_key " + types.text.apply(1000) + ", "
                + "batches " + types.wholeNumber + " NOT NULL, "
                + "rows_done " + types.wholeNumber + " NOT NULL, "
                + "rows_total " + types.wholeNumber + ", "
                + "elapsed_ms " + types.wholeNumber + " NOT NULL, "
                + "started_on " + types.timestamp + " NOT NULL, "
                + "updated_on " + types.timestamp + " NOT NULL, "
                + "failed_batch " + types.text.apply(2000) + ", "
                + "error " + types.longText + ")"
                + (types.tableOptions.isEmpty() ? "" : " " + types.tableOptions);
    }
}
