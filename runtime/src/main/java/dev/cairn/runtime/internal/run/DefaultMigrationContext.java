package dev.cairn.runtime.internal.run;

import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.SqlScriptException;
import dev.cairn.runtime.SqlStatement;
import dev.cairn.runtime.internal.sql.Placeholders;
import dev.cairn.runtime.internal.sql.ScriptDialect;
import dev.cairn.runtime.internal.sql.ScriptSplitter;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;

/** The {@link MigrationContext} a running migration receives: its connection, and progress routed to listeners and the log. */
public final class DefaultMigrationContext implements MigrationContext, Placeholders.Source {

    private static final System.Logger LOG = System.getLogger("dev.cairn");

    private final Connection connection;
    private final MigrationDescriptor migration;
    private final Listeners listeners;
    private final Placeholders placeholders;
    /** How {@link #execute} splits: the connection's database's reading, known on first use. */
    private ScriptDialect dialect;
    /**
     * The latest text {@link #split} read and its statements: a batched migration calls execute with
     * the same SQL once per batch, and reading it again each time cost more CPU than the statement.
     */
    private String lastSplitSql;
    private List<SqlStatement> lastSplit;

    public DefaultMigrationContext(Connection connection, MigrationDescriptor migration, Listeners listeners,
            Placeholders placeholders) {
        this.connection = connection;
        this.migration = migration;
        this.listeners = listeners;
        this.placeholders = placeholders;
    }

    /** The run's placeholders, for a SQL script migration (see {@link Placeholders}). */
    @Override
    public Placeholders placeholders() {
        return placeholders;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    /**
     * Splits {@code sql} with the splitter SQL scripts go through, so that every database runs
     * every statement of the string (sqlite-jdbc would run only the first, PostgreSQL all of them),
     * and refuses transaction control before anything runs.
     */
    @Override
    public int execute(String sql, Object... parameters) throws SQLException {
        List<SqlStatement> statements = split(sql);
        boolean parameterized = parameters != null && parameters.length > 0;
        for (SqlStatement statement : statements) {
            if (statement.isTransactionControl()) {
                throw new SQLException(named() + "passed '" + firstLine(statement) + "' to MigrationContext.execute, "
                        + "but Cairn commits each migration itself, together with its history row. Nothing of the "
                        + "string was run. Remove the statement (savepoints are allowed); for statements that cannot "
                        + "run inside a transaction, declare the migration transactional = false.", "25000");
            }
        }
        if (statements.size() > 1 && parameterized) {
            throw new SQLException(named() + "passed " + statements.size() + " statements with " + parameters.length
                    + " parameters to MigrationContext.execute, which binds parameters to one statement only. "
                    + "Nothing of the string was run. Call execute once per statement.", "42601");
        }
        if (statements.size() <= 1) {
            // One statement (or only comments): the text goes to the driver as written, as it always did.
            return parameterized ? executePrepared(sql, parameters) : executePlain(sql);
        }
        int count = 0;
        for (SqlStatement statement : statements) {
            count = executePlain(statement.sql());
        }
        return count;
    }

    /**
     * The statements of {@code sql}, read as the database reads it (MySQL and MariaDB: backslash
     * escapes, {@code #} comments); a text the splitter cannot read goes to the database whole,
     * which says what is wrong.
     */
    private List<SqlStatement> split(String sql) throws SQLException {
        if (dialect == null) {
            String product = connection.getMetaData().getDatabaseProductName();
            dialect = "MySQL".equalsIgnoreCase(product) || "MariaDB".equalsIgnoreCase(product) ? ScriptDialect.MYSQL
                    : ScriptDialect.STANDARD;
        }
        if (sql.equals(lastSplitSql)) {
            return lastSplit;
        }
        List<SqlStatement> statements;
        try {
            statements = new ScriptSplitter("MigrationContext.execute", sql, dialect).split();
        } catch (SqlScriptException e) {
            statements = Collections.emptyList();
        }
        lastSplitSql = sql;
        lastSplit = statements;
        return statements;
    }

    private int executePlain(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.execute(sql) ? -1 : statement.getUpdateCount();
        }
    }

    private int executePrepared(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.execute() ? -1 : statement.getUpdateCount();
        }
    }

    private String named() {
        return MigrationRunner.label(migration) + " ";
    }

    private static String firstLine(SqlStatement statement) {
        String sql = statement.sql();
        int newline = sql.indexOf('\n');
        return newline < 0 ? sql : sql.substring(0, newline);
    }

    @Override
    public MigrationDescriptor migration() {
        return migration;
    }

    @Override
    public void progress(String message) {
        LOG.log(Level.INFO, "Migration {0}: {1}", migration, message);
        listeners.progress(migration, message);
    }
}
