package dev.cairn.runtime.internal.run;

import dev.cairn.runtime.MigrationDescriptor;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The connection a migration receives ({@code MigrationContext.connection()}): everything JDBC
 * offers, except what would end or replace the transaction Cairn runs the migration in, together
 * with its history row, or change the connection for whoever uses it next. {@code commit()},
 * {@code rollback()}, switching auto-commit, changing the isolation level, {@code close()} and
 * {@code abort} throw an {@link SQLException} naming the migration; nothing reaches the database.
 * Savepoints stay allowed. A migration declared {@code transactional = false} runs in auto-commit
 * outside any transaction of Cairn's, so it may switch auto-commit off and commit in batches; the
 * runner switches it back on afterwards. SQL text that ends the transaction ({@code COMMIT} on a statement of
 * the migration's own) cannot be refused here; the runner finds it afterwards
 * ({@code Dialect.unitEnded}).
 *
 * <p>On SQLite, Cairn drives transactions with SQL while the driver stays in auto-commit mode, and
 * sqlite-jdbc's own savepoints switch its auto-commit flag off behind Cairn's back; so there the
 * savepoints are SQL {@code SAVEPOINT} statements.
 *
 * <pre>{@code
 * Connection forMigration = new MigrationConnection(connection, migration, dialect.name().equals("SQLite"));
 * forMigration.commit();   // SQLException: Migration 3 (app.AddIndex) called commit() ...
 * }</pre>
 */
final class MigrationConnection implements Connection {

    /** SQL state class 25: invalid transaction state. */
    private static final String INVALID_TRANSACTION_STATE = "25000";

    private final Connection connection;
    private final MigrationDescriptor migration;
    private final boolean sqlSavepoints;
    private int savepoints;

    MigrationConnection(Connection connection, MigrationDescriptor migration, boolean sqlSavepoints) {
        this.connection = connection;
        this.migration = migration;
        this.sqlSavepoints = sqlSavepoints && migration.transactional();
    }

    private SQLException refused(String call, String why) {
        return new SQLException(MigrationRunner.label(migration) + " called " + call
                + " on its connection, but Cairn owns that connection: " + why + " Nothing was done. Remove the call "
                + "(savepoints are allowed); for statements that cannot run inside a transaction, declare the "
                + "migration transactional = false.", INVALID_TRANSACTION_STATE);
    }

    private static final String OWNS_TRANSACTION = "it commits or rolls back each migration itself, together "
            + "with its history row.";

    /*
     * A migration declared transactional = false has no transaction of Cairn's to protect: it may
     * commit in batches (setAutoCommit(false), commit()); the runner restores auto-commit after it.
     */

    @Override
    public void commit() throws SQLException {
        if (migration.transactional()) {
            throw refused("commit()", OWNS_TRANSACTION);
        }
        connection.commit();
    }

    @Override
    public void rollback() throws SQLException {
        if (migration.transactional()) {
            throw refused("rollback()", OWNS_TRANSACTION + " To undo part of its own work, roll back to a "
                    + "savepoint.");
        }
        connection.rollback();
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        // Refused even when it changes nothing: on SQLite the driver reports auto-commit while Cairn's
        // transaction is open, so a call that looks harmless there would end it on PostgreSQL.
        if (migration.transactional()) {
            throw refused("setAutoCommit(" + autoCommit + ")", OWNS_TRANSACTION);
        }
        connection.setAutoCommit(autoCommit);
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        if (level != connection.getTransactionIsolation()) {
            throw refused("setTransactionIsolation(" + level + ")", "the transaction is already open, and the "
                    + "connection goes back to the application as it came.");
        }
    }

    @Override
    public void close() throws SQLException {
        throw refused("close()", "it returns the connection to the application when the run ends.");
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        throw refused("abort()", "it returns the connection to the application when the run ends.");
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        if (!sqlSavepoints) {
            return connection.setSavepoint();
        }
        int id = ++savepoints;
        return sqlSavepoint("cairn_savepoint_" + id, id, null);
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        if (!sqlSavepoints) {
            return connection.setSavepoint(name);
        }
        return sqlSavepoint("\"" + name.replace("\"", "\"\"") + "\"", 0, name);
    }

    private Savepoint sqlSavepoint(String sqlName, int id, String name) throws SQLException {
        execute("SAVEPOINT " + sqlName);
        return new SqlSavepoint(sqlName, id, name);
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        if (savepoint instanceof SqlSavepoint) {
            execute("ROLLBACK TO SAVEPOINT " + ((SqlSavepoint) savepoint).sqlName);
        } else {
            connection.rollback(savepoint);
        }
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        if (savepoint instanceof SqlSavepoint) {
            execute("RELEASE SAVEPOINT " + ((SqlSavepoint) savepoint).sqlName);
        } else {
            connection.releaseSavepoint(savepoint);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A savepoint made with SQL; JDBC's {@link Savepoint} contract for ids and names. */
    private static final class SqlSavepoint implements Savepoint {
        final String sqlName;
        private final int id;
        private final String name;

        SqlSavepoint(String sqlName, int id, String name) {
            this.sqlName = sqlName;
            this.id = id;
            this.name = name;
        }

        @Override
        public int getSavepointId() throws SQLException {
            if (name != null) {
                throw new SQLException("A named savepoint has no id");
            }
            return id;
        }

        @Override
        public String getSavepointName() throws SQLException {
            if (name == null) {
                throw new SQLException("An unnamed savepoint has no name");
            }
            return name;
        }
    }

    // --- everything else is the connection's own ---------------------------------------------

    @Override
    public boolean getAutoCommit() throws SQLException {
        return connection.getAutoCommit();
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        return connection.getTransactionIsolation();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return connection.isClosed();
    }

    @Override
    public Statement createStatement() throws SQLException {
        return connection.createStatement();
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return connection.prepareCall(sql);
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        return connection.nativeSQL(sql);
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        return connection.getMetaData();
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        connection.setReadOnly(readOnly);
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return connection.isReadOnly();
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        connection.setCatalog(catalog);
    }

    @Override
    public String getCatalog() throws SQLException {
        return connection.getCatalog();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return connection.getWarnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
        connection.clearWarnings();
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return connection.createStatement(resultSetType, resultSetConcurrency);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return connection.prepareStatement(sql, resultSetType, resultSetConcurrency);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return connection.prepareCall(sql, resultSetType, resultSetConcurrency);
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        return connection.getTypeMap();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        connection.setTypeMap(map);
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        connection.setHoldability(holdability);
    }

    @Override
    public int getHoldability() throws SQLException {
        return connection.getHoldability();
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        return connection.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) throws SQLException {
        return connection.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) throws SQLException {
        return connection.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return connection.prepareStatement(sql, autoGeneratedKeys);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return connection.prepareStatement(sql, columnIndexes);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return connection.prepareStatement(sql, columnNames);
    }

    @Override
    public Clob createClob() throws SQLException {
        return connection.createClob();
    }

    @Override
    public Blob createBlob() throws SQLException {
        return connection.createBlob();
    }

    @Override
    public NClob createNClob() throws SQLException {
        return connection.createNClob();
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        return connection.createSQLXML();
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        return connection.isValid(timeout);
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        connection.setClientInfo(name, value);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        connection.setClientInfo(properties);
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        return connection.getClientInfo(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        return connection.getClientInfo();
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        return connection.createArrayOf(typeName, elements);
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        return connection.createStruct(typeName, attributes);
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        connection.setSchema(schema);
    }

    @Override
    public String getSchema() throws SQLException {
        return connection.getSchema();
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        connection.setNetworkTimeout(executor, milliseconds);
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        return connection.getNetworkTimeout();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : connection.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || connection.isWrapperFor(iface);
    }
}
