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
     * The connection the migration runs on. Cairn owns its transaction, which commits the
     * migration together with its history row, and gives the connection back to the application
     * afterwards, so {@code commit()}, {@code rollback()}, {@code setAutoCommit(...)},
     * {@code setTransactionIsolation(...)}, {@code close()} and {@code abort(...)} throw an
     * {@link SQLException} naming the migration, and do nothing. Savepoints are allowed
     * ({@code setSavepoint}, {@code rollback(Savepoint)}, {@code releaseSavepoint}). For a
     * migration declared {@code transactional = false} the connection is in auto-commit mode, and
     * it may switch auto-commit off and commit in batches; afterwards Cairn commits what it left
     * open (or rolls it back if it failed) and switches auto-commit back on.
     *
     * <p>SQL that ends the transaction ({@code COMMIT}, {@code END}, {@code ROLLBACK}) run on a
     * statement of the migration's own cannot be refused beforehand; Cairn finds the ended
     * transaction when the migration returns or throws, and then, since part of its work may be
     * committed, records the migration as failed and waiting for {@code repair}, and throws a
     * {@link MigrationFailedException} saying so.
     */
    Connection connection();

    /**
     * Executes SQL with positional {@code ?} parameters, bound in order with
     * {@link java.sql.PreparedStatement#setObject(int, Object)}.
     *
     * <p>A string with several statements separated by {@code ;} runs every one of them, in order,
     * on every database: it is split as SQL migration scripts are (quotes, comments, dollar quotes
     * and trigger bodies respected), so SQLite, whose driver would run only the first, behaves as
     * PostgreSQL does. Parameters bind to a single statement only: several statements with
     * parameters are refused before any runs. A statement that controls the transaction
     * ({@code BEGIN}, {@code COMMIT}, {@code ROLLBACK}, {@code END}; savepoints are allowed) is
     * refused before any statement runs.
     *
     * <pre>{@code
     * context.execute("CREATE TABLE tag (id INT); CREATE INDEX tag_id ON tag (id)");   // both run
     * context.execute("INSERT INTO tag (id) VALUES (?)", 7);
     * }</pre>
     *
     * @return the update count of the (last) statement, or -1 when it returned a result set
     * @throws SQLException what the database reports, or a refusal as described above
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
