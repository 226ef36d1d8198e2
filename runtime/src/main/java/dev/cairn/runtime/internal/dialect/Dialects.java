package dev.cairn.runtime.internal.dialect;

import dev.cairn.runtime.internal.ApiValues;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Picks the {@link Dialect} from what the JDBC driver reports as the database product name.
 *
 * <pre>{@code
 * Dialect dialect = Dialects.detect(connection);   // SqliteDialect for sqlite-jdbc
 * }</pre>
 */
public final class Dialects {

    private Dialects() {
    }

    /**
     * The dialect for the connection's database.
     *
     * @throws UnsupportedDatabaseException naming the product for any other database
     */
    public static Dialect detect(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        if ("SQLite".equalsIgnoreCase(product)) {
            return new SqliteDialect(); // holds the operation's file lock
        }
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            return PostgresDialect.INSTANCE;
        }
        throw ApiValues.get().unsupportedDatabase(product);
    }
}
