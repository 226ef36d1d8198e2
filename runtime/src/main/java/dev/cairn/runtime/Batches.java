package dev.cairn.runtime;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Helpers for the common shape of a {@link BatchedMigration}: rows walked by a whole-number key
 * column, counted with one query, verified with one query. They run plain, portable SQL
 * ({@code ORDER BY ... LIMIT}) on the migration's connection, on every database Cairn supports.
 * Table, column and condition are SQL written by the migration's author, inserted as they are;
 * never build them from outside input.
 *
 * <pre>{@code
 * Optional<Batch> next = Batches.nextByLongKey(context, "orders", "id", "total IS NULL", after, batchSize);
 * OptionalLong rows = Batches.count(context, "SELECT COUNT(*) FROM orders WHERE total IS NULL");
 * Batches.requireNone(context, "SELECT COUNT(*) FROM orders WHERE total IS NULL", "orders without a total");
 * }</pre>
 */
public final class Batches {

    private Batches() {
    }

    /**
     * The next batch of {@code table}'s rows by the whole-number column {@code keyColumn}: at most
     * {@code batchSize} rows with a key after {@code after} (and matching {@code condition}, when
     * not null), in key order. One query; an index on the key column keeps it cheap.
     *
     * @return the batch's first and last key and its row count, or empty when no row is left
     */
    public static Optional<Batch> nextByLongKey(MigrationContext context, String table, String keyColumn,
            String condition, Optional<BatchKey> after, int batchSize) throws SQLException {
        String where = after.isPresent() ? " WHERE " + keyColumn + " > ?" : "";
        if (condition != null && !condition.isBlank()) {
            where += (where.isEmpty() ? " WHERE " : " AND ") + "(" + condition + ")";
        }
        String sql = "SELECT MIN(k), MAX(k), COUNT(*) FROM (SELECT " + keyColumn + " AS k FROM " + table + where
                + " ORDER BY " + keyColumn + " LIMIT ?) cairn_batch";
        try (PreparedStatement statement = context.connection().prepareStatement(sql)) {
            int parameter = 1;
            if (after.isPresent()) {
                statement.setLong(parameter++, after.get().asLong());
            }
            statement.setInt(parameter, batchSize);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                int rows = result.getInt(3);
                if (rows == 0) {
                    return Optional.empty();
                }
                return Optional.of(Batch.of(result.getLong(1), result.getLong(2), rows));
            }
        }
    }

    /** The number the query (a {@code SELECT COUNT(*) ...}) returns, for {@link BatchedMigration#countRows}. */
    public static OptionalLong count(MigrationContext context, String sql, Object... parameters) throws SQLException {
        return OptionalLong.of(number(context, sql, parameters));
    }

    /**
     * Throws unless the query (a {@code SELECT COUNT(*) ...} of rows the migration should have left
     * none of) returns 0: a {@link JavaMigration#verify} in one line.
     *
     * @param what what the rows are, for the message: {@code "orders without a total"}
     * @throws IllegalStateException naming how many rows are left
     */
    public static void requireNone(MigrationContext context, String sql, String what, Object... parameters)
            throws SQLException {
        long left = number(context, sql, parameters);
        if (left != 0) {
            throw new IllegalStateException(left + " " + what + " left after the last batch (" + sql + ")");
        }
    }

    private static long number(MigrationContext context, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = context.connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new SQLException("The query returned no row, where a count was expected: " + sql);
                }
                return result.getLong(1);
            }
        }
    }
}
