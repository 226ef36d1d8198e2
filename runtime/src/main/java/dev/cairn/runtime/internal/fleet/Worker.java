package dev.cairn.runtime.internal.fleet;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What one fleet worker thread keeps between tenants: one open connection per shared database
 * (the DataSource behind PostgreSQL schema tenants), so that migrating or checking the next
 * schema costs no new connection. Used by one thread at a time; closed when the worker ends.
 *
 * <pre>{@code
 * try (Worker worker = new Worker()) {
 *     Connection connection = worker.connection(database);   // opened once, reused
 * }
 * }</pre>
 */
public final class Worker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.cairn");

    private final Map<DataSource, Connection> connections = new IdentityHashMap<>();

    /** The worker's open connection to {@code database}, opened now if it has none (or it was closed). */
    Connection connection(DataSource database) throws SQLException {
        Connection connection = connections.get(database);
        if (connection != null && !connection.isClosed()) {
            return connection;
        }
        connection = database.getConnection();
        if (connection == null) {
            throw new SQLException("the DataSource " + database + " returned no connection (getConnection() gave null)");
        }
        connections.put(database, connection);
        return connection;
    }

    /** Closes and forgets the connection to {@code database}: the next tenant gets a fresh one. */
    void discard(DataSource database) {
        close(connections.remove(database));
    }

    /** Closes every connection, after a tenant failed: a broken or odd session is never reused. */
    public void discardConnections() {
        for (Connection connection : connections.values()) {
            close(connection);
        }
        connections.clear();
    }

    @Override
    public void close() {
        discardConnections();
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "Cairn could not close a fleet worker's connection", e);
        }
    }
}
