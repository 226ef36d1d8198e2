package dev.cairn.runtime.internal.sql;

import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.SqlScriptException;
import dev.cairn.runtime.SqlStatement;
import dev.cairn.runtime.generated.ScriptResources;
import dev.cairn.runtime.internal.ApiValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A migration written as a SQL script among the application's resources. The generated registry creates one per
 * {@code @SqlMigration}; Cairn runs it like any migration (in a transaction with its history row
 * unless declared {@code transactional = false}).
 *
 * <pre>{@code
 * JavaMigration migration = new SqlScriptMigration(name -> MigrationRegistry.class.getResourceAsStream("/" + name),
 *         "db/migration/V3__add_index.sql", "sha256:9f86d0...", "db/migration/U3__add_index.sql", "sha256:2c26b4...");
 * migration.statements();   // loaded, checked against the compile-time checksum, split
 * }</pre>
 *
 * <p>The scripts are opened through the registry ({@link ScriptResources}), never through a class
 * loader of the runtime's: in a named module, the application's script folders are encapsulated
 * packages that only its own classes can read.
 *
 * <p>Before a statement runs, the script is checked: it must be among the resources, its
 * {@link SqlScript#checksum checksum} must be the one computed at compile time (a script edited
 * after compilation is refused: rebuild the application), and it must not control transactions
 * itself (the processor already refuses that; this is the defence for registries not made by it).
 * A failing statement is reported with the script and line it starts on.
 */
public final class SqlScriptMigration implements JavaMigration {

    private final ScriptResources scripts;
    private final String script;
    private final String checksum;
    private final String undoScript;
    private final String undoChecksum;
    private final long stamp;
    private final long undoStamp;

    /**
     * Called by the factory of a registry generated before script stamps: the stale-registry check
     * reads and checksums its scripts.
     *
     * @param scripts opens the application's scripts (the generated registry)
     * @param script the up script's resource name, without a leading {@code /}
     * @param checksum {@link SqlScript#checksum} of the up script at compile time
     * @param undoScript the undo script's resource name, or null when the migration has none
     * @param undoChecksum {@link SqlScript#checksum} of the undo script at compile time, or null
     */
    public SqlScriptMigration(ScriptResources scripts, String script, String checksum, String undoScript,
            String undoChecksum) {
        this(scripts, script, checksum, undoScript, undoChecksum, SqlScript.NO_STAMP, SqlScript.NO_STAMP);
    }

    /**
     * Called by the generated registry's factory.
     *
     * @param stamp {@link SqlScript#stamp(byte[])} of the up script's bytes at compile time, or
     *     {@link SqlScript#NO_STAMP}
     * @param undoStamp the undo script's, or {@link SqlScript#NO_STAMP}
     */
    public SqlScriptMigration(ScriptResources scripts, String script, String checksum, String undoScript,
            String undoChecksum, long stamp, long undoStamp) {
        this.scripts = Objects.requireNonNull(scripts, "scripts");
        this.script = Objects.requireNonNull(script, "script");
        this.checksum = Objects.requireNonNull(checksum, "checksum");
        this.undoScript = undoScript;
        this.undoChecksum = undoChecksum;
        this.stamp = stamp;
        this.undoStamp = undoScript == null ? SqlScript.NO_STAMP : undoStamp;
        if (undoScript != null && undoChecksum == null) {
            throw new IllegalArgumentException("The undo script " + undoScript + " needs its compile-time checksum");
        }
    }

    /** The up script's resource name. */
    public String script() {
        return script;
    }

    /** The undo script's resource name, or null when the migration cannot be rolled back. */
    public String undoScript() {
        return undoScript;
    }

    /** The up script's compile-time checksum. */
    public String checksum() {
        return checksum;
    }

    /** The undo script's compile-time checksum, or null when there is no undo script. */
    public String undoChecksum() {
        return undoChecksum;
    }

    /**
     * The up script's compile-time {@link SqlScript#stamp(byte[]) stamp} (size and CRC-32 of its
     * bytes), or {@link SqlScript#NO_STAMP}: the stale-registry check's fast path. Never used to
     * accept a script that runs: that is always the checksum's job.
     */
    public long stamp() {
        return stamp;
    }

    /** The undo script's compile-time stamp, or {@link SqlScript#NO_STAMP}. */
    public long undoStamp() {
        return undoStamp;
    }

    /** What opens the scripts: the generated registry. */
    public ScriptResources scripts() {
        return scripts;
    }

    /**
     * The up script's statements: loaded from the application's resources, checked against the compile-time
     * checksum, split, and checked for transaction control.
     *
     * @throws SqlScriptException when the script is missing, changed since compilation, does not
     *     split, or controls transactions
     */
    public List<SqlStatement> statements() {
        return statements(Placeholders.NONE);
    }

    /** {@link #statements()} with the run's {@code placeholders} replaced before the script is split. */
    public List<SqlStatement> statements(Placeholders placeholders) {
        return load(script, checksum, placeholders);
    }

    /**
     * The undo script's statements, checked like {@link #statements()}; empty when there is no
     * undo script.
     */
    public List<SqlStatement> undoStatements() {
        return undoStatements(Placeholders.NONE);
    }

    /** {@link #undoStatements()} with the run's {@code placeholders} replaced. */
    public List<SqlStatement> undoStatements(Placeholders placeholders) {
        return undoScript == null ? Collections.<SqlStatement>emptyList()
                : load(undoScript, undoChecksum, placeholders);
    }

    /** Runs {@link #statements()} one by one on the migration's connection. */
    @Override
    public void up(MigrationContext context) throws Exception {
        SqlScript parsed = loadScript(script, checksum, placeholdersOf(context));
        checkDialect(context.connection(), parsed);
        execute(context.connection(), script, parsed.statements());
    }

    /**
     * Refuses, before any statement runs, a script declared for the other family of databases: a
     * {@code -- dialect: mysql} script was split as MySQL reads it (backslash escapes, DELIMITER),
     * a {@code -- dialect: standard} one as PostgreSQL, SQLite and H2 read it.
     */
    private static void checkDialect(Connection connection, SqlScript parsed) throws SQLException {
        if (parsed.dialect() == ScriptDialect.PORTABLE) {
            return;
        }
        String product = connection.getMetaData().getDatabaseProductName();
        boolean mysqlDatabase = "MySQL".equalsIgnoreCase(product) || "MariaDB".equalsIgnoreCase(product);
        if (mysqlDatabase != (parsed.dialect() == ScriptDialect.MYSQL)) {
            throw ApiValues.get().sqlScriptProblem(parsed.name(), 0, "the script declares '-- dialect: "
                    + (parsed.dialect() == ScriptDialect.MYSQL ? "mysql" : "standard") + "', but the database is "
                    + product + ", which reads "
                    + (mysqlDatabase ? "a backslash in a string as an escape" : "a backslash as a plain character")
                    + ", so the script would not be split as it was written. Nothing of it was run. Run it on "
                    + (parsed.dialect() == ScriptDialect.MYSQL ? "MySQL or MariaDB" : "PostgreSQL, SQLite or H2")
                    + ", or change its '-- dialect:' line.");
        }
    }

    /** The run's placeholders, which Cairn's own context carries; none for another context. */
    private static Placeholders placeholdersOf(MigrationContext context) {
        return context instanceof Placeholders.Source ? ((Placeholders.Source) context).placeholders()
                : Placeholders.NONE;
    }

    /**
     * Runs the undo script's statements one by one.
     *
     * @throws IrreversibleMigrationException when the migration has no undo script
     */
    @Override
    public void down(MigrationContext context) throws Exception {
        if (undoScript == null) {
            throw ApiValues.get().irreversible(context.migration().version(),
                    Collections.singletonList(context.migration()));
        }
        SqlScript parsed = loadScript(undoScript, undoChecksum, placeholdersOf(context));
        checkDialect(context.connection(), parsed);
        execute(context.connection(), undoScript, parsed.statements());
    }

    private static void execute(Connection connection, String script, List<SqlStatement> statements)
            throws SQLException {
        for (SqlStatement statement : statements) {
            try (Statement jdbc = connection.createStatement()) {
                // The text goes to the database as written: no JDBC {escape} rewriting.
                jdbc.setEscapeProcessing(false);
                jdbc.execute(statement.sql());
            } catch (SQLException e) {
                throw new SQLException(SqlScript.location(script, statement.line()) + ": " + e.getMessage(),
                        e.getSQLState(), e.getErrorCode(), e);
            }
        }
    }

    private List<SqlStatement> load(String resource, String expectedChecksum, Placeholders placeholders) {
        return loadScript(resource, expectedChecksum, placeholders).statements();
    }

    private SqlScript loadScript(String resource, String expectedChecksum, Placeholders placeholders) {
        // Read, decoded and found as compiled earlier in this operation (by its stale-registry
        // check, or by the check of every pending script before the run): not again.
        String text = VerifiedScripts.get(scripts, resource, expectedChecksum);
        if (text == null) {
            text = checked(resource, expectedChecksum, read(resource));
            VerifiedScripts.keep(scripts, resource, expectedChecksum, text);
        }
        // The checksum is the written text's: a placeholder's value differs between environments.
        SqlScript parsed = SqlScript.parse(resource, placeholders.replace(resource, text));
        for (SqlStatement statement : parsed.statements()) {
            if (statement.isTransactionControl()) {
                throw ApiValues.get().sqlScriptProblem(resource, statement.line(), "the statement '" + firstLine(statement)
                        + "' controls the transaction, but Cairn commits each migration itself, together with its "
                        + "history row. Nothing of the script was run. Remove the statement (savepoints are allowed); "
                        + "for statements that cannot run inside a transaction, declare the migration "
                        + "transactional = false, which runs each statement on its own.");
            }
        }
        return parsed;
    }

    /** {@code text}, if it has the compile-time checksum; refused otherwise. */
    private static String checked(String resource, String expectedChecksum, String text) {
        String actual = SqlScript.checksum(text);
        if (!actual.equals(expectedChecksum)) {
            throw ApiValues.get().sqlScriptProblem(resource, 0, "the script changed since the application was compiled: it "
                    + "was compiled with checksum " + expectedChecksum + ", the script on the class path has "
                    + actual + ". Nothing of it was run. Rebuild the application so that its migration registry "
                    + "matches the script (or restore the script as it was compiled).");
        }
        return text;
    }

    private String read(String resource) {
        try (InputStream in = scripts.open(resource)) {
            if (in == null) {
                throw ApiValues.get().sqlScriptProblem(resource, 0, "the script is not among the application's resources "
                        + "(looked up as the resource '" + resource + "'), but the application was compiled with it. "
                        + "Nothing of it was run. Rebuild the application so that the script is packaged with it.");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
            try {
                return SqlScript.decode(resource, bytes.toByteArray());
            } catch (SqlScriptException e) {
                throw ApiValues.get().sqlScriptProblem(resource, e.line(), "the script is not valid UTF-8 (" + e.problem()
                        + "). Save it as UTF-8 and rebuild the application.", e);
            }
        } catch (IOException e) {
            throw ApiValues.get().sqlScriptProblem(resource, 0, "the script could not be read from the application's resources (" + e
                    + "). Check the application's packaging and run again.", e);
        }
    }

    private static String firstLine(SqlStatement statement) {
        String sql = statement.sql();
        int newline = sql.indexOf('\n');
        return newline < 0 ? sql : sql.substring(0, newline);
    }

    @Override
    public String toString() {
        return script;
    }
}
