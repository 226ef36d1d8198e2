package dev.cairn.runtime;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a running migration sees: the connection it runs on, and helpers for the common cases.
 *
 * <pre>{@code
 * public void up(MigrationContext context) throws Exception {
 *     context.execute("INSERT INTO settings (name, value) VALUES (?, ?)", "theme", "dark");
 *     try (var statement = context.connection().createStatement()) {
 *         // anything JDBC can do
 *     }
 * }
 * }</pre>
 */
public interface MigrationContext {

    /**
     * The connection the migration runs on. Do not commit, roll back or close it: Cairn owns the
     * transaction (for a migration declared {@code transactional = false} the connection is in
     * auto-commit mode).
     */
    Connection connection();

    /**
     * Executes one SQL statement with positional {@code ?} parameters, bound in order with
     * {@link java.sql.PreparedStatement#setObject(int, Object)}.
     *
     * @return the update count, or -1 when the statement returned a result set
     */
    int execute(String sql, Object... parameters) throws SQLException;

    /** The descriptor of the migration that is running. */
    MigrationDescriptor migration();

    /**
     * Reports progress of a long-running migration (a backfill, say) to the registered
     * listeners and the log, for example {@code context.progress("copied 5000 of 20000 rows")}.
     */
    void progress(String message);
}
