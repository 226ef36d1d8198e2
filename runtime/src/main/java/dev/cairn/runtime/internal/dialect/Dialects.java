package dev.cairn.runtime.internal.dialect;

import dev.cairn.runtime.internal.ApiValues;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

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
     * @throws dev.cairn.runtime.UnsupportedDatabaseException naming the product for any other database,
     *     or the version needed for a MySQL or MariaDB server too old
     */
    public static Dialect detect(Connection connection) throws SQLException {
        return detect(connection, null);
    }

    /**
     * The dialect for the connection's database; {@code source}, the DataSource it came from, gives
     * H2's lock a connection of its own (see {@link H2Dialect}).
     */
    public static Dialect detect(Connection connection, DataSource source) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        if ("SQLite".equalsIgnoreCase(product)) {
            return new SqliteDialect(); // holds the operation's file lock
        }
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            return PostgresDialect.INSTANCE;
        }
        if ("MySQL".equalsIgnoreCase(product) || "MariaDB".equalsIgnoreCase(product)) {
            return MariaDbDialect.detect(connection); // either driver, either server; checks the version
        }
        if ("H2".equalsIgnoreCase(product)) {
            return H2Dialect.detect(connection, source); // holds the operation's lock connection; checks the version
        }
        throw ApiValues.get().unsupportedDatabase(product);
    }
}
