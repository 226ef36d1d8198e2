package dev.cairn.runtime.internal.fleet;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The DataSource a PostgreSQL schema tenant's {@link dev.cairn.runtime.Migrator} gets: the
 * worker's connection to the shared database, with the tenant's schema put first in the
 * {@code search_path}, so that a migration's unqualified {@code CREATE TABLE orders} lands in the
 * tenant's schema and its queries find the tenant's tables. The rest of the search path stays
 * behind it (extensions installed in {@code public} are still found). Closing the connection
 * puts the search path back and keeps the physical connection open for the worker's next tenant.
 * The history table does not depend on it: the fleet also names the schema as the history schema,
 * so the history table, the lock (keyed by the table's qualified name) and the emptiness check are
 * the tenant's own.
 *
 * <pre>{@code
 * Migrator.builder(registry).dataSource(new SchemaDataSource(worker, database, "tenant_42"))
 *         .historySchema("tenant_42").build().migrate();
 * }</pre>
 */
public final class SchemaDataSource implements DataSource {

    /**
     * One round trip: the current search path (to put back) and the tenant's in front of it (alone
     * when the session's path is empty).
     */
    private static final String ENTER = "SELECT s, pg_catalog.set_config('search_path', "
            + "pg_catalog.concat_ws(', ', ?, NULLIF(s, '')), false) "
            + "FROM (SELECT pg_catalog.current_setting('search_path') AS s) AS current_path";
    private static final String LEAVE = "SELECT pg_catalog.set_config('search_path', ?, false)";

    private final Worker worker;
    private final DataSource database;
    private final String schema;

    public SchemaDataSource(Worker worker, DataSource database, String schema) {
        this.worker = worker;
        this.database = database;
        this.schema = schema;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection physical = worker.connection(database);
        String saved;
        try (PreparedStatement enter = physical.prepareStatement(ENTER)) {
            enter.setString(1, '"' + schema.replace("\"", "\"\"") + '"');
            try (ResultSet result = enter.executeQuery()) {
                result.next();
                saved = result.getString(1);
            }
        } catch (SQLException e) {
            worker.discard(database);
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Lease(physical, saved));
    }

    /** The tenant's use of the worker's connection: {@code close()} hands it back instead of closing it. */
    private final class Lease implements InvocationHandler {
        private final Connection physical;
        private final String savedSearchPath;
        private boolean closed;

        Lease(Connection physical, String savedSearchPath) {
            this.physical = physical;
            this.savedSearchPath = savedSearchPath;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            switch (method.getName()) {
                case "close":
                    if (!closed) {
                        closed = true;
                        giveBack();
                    }
                    return null;
                case "isClosed":
                    return closed || physical.isClosed();
                case "equals":
                    return proxy == arguments[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "connection to schema " + schema + " (" + physical + ")";
                default:
                    if (closed) {
                        throw new SQLException("the connection to schema " + schema + " was closed", "08003");
                    }
                    try {
                        return method.invoke(physical, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        }

        /** Back to the worker as the tenant found it; a session that cannot be reset is closed. */
        private void giveBack() {
            try {
                if (physical.isClosed()) {
                    worker.discard(database);
                    return;
                }
                if (!physical.getAutoCommit()) {
                    physical.rollback();
                    physical.setAutoCommit(true);
                }
                try (PreparedStatement leave = physical.prepareStatement(LEAVE)) {
                    leave.setString(1, savedSearchPath);
                    leave.executeQuery().close();
                }
            } catch (SQLException e) {
                worker.discard(database);
            }
        }
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a fleet schema tenant connects with its database's credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return database.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        database.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        database.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return database.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return database.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    /** How the Migrator names it in messages: the schema and the database behind it. */
    @Override
    public String toString() {
        return "schema " + schema + " of " + database;
    }
}
