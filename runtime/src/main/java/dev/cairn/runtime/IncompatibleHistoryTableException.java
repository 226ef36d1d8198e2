package dev.cairn.runtime;

import java.util.List;

/**
 * The history table exists but lacks columns Cairn needs (another tool created a table of that
 * name, or Cairn's table was altered by hand), or holds a row Cairn cannot read (an unknown event,
 * a version that is not a number, a NULL where a value is needed, an unreadable timestamp): the
 * message names the row. Cairn applies nothing and leaves the table as it is.
 *
 * <pre>{@code
 * try {
 *     migrator.migrate();
 * } catch (IncompatibleHistoryTableException e) {
 *     e.table();            // cairn_schema_history
 *     e.missingColumns();   // [version, event, ...]
 *     // give Cairn its own table: Migrator.builder(registry).historyTable("app_cairn_history")
 * }
 * }</pre>
 */
public class IncompatibleHistoryTableException extends CairnException {

    private static final long serialVersionUID = 1L;

    private final String table;
    private final transient List<String> missingColumns;

    /** Creates the exception for a table, the columns it lacks and those it has. */
    IncompatibleHistoryTableException(String table, List<String> missingColumns, List<String> presentColumns) {
        super("The table " + table + " exists but is not a Cairn history table: it lacks the column(s) "
                + missingColumns + " (it has " + presentColumns + "). Nothing was applied and the table was not "
                + "changed. If another tool owns this table, give Cairn a table of its own with "
                + "Migrator.Builder.historyTable(...); if it is Cairn's table altered by hand, restore the missing "
                + "columns.");
        this.table = table;
        this.missingColumns = List.copyOf(missingColumns);
    }

    /** Creates the exception for an unreadable row; {@code message} names the row and says why. */
    IncompatibleHistoryTableException(String table, String message) {
        super(message);
        this.table = table;
        this.missingColumns = List.of();
    }

    /** The history table's name. */
    public String table() {
        return table;
    }

    /** The columns Cairn needs that the table lacks; empty when the columns are there but a row is unreadable. */
    public List<String> missingColumns() {
        return missingColumns;
    }
}
