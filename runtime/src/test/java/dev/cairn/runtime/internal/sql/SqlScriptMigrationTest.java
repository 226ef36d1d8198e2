package dev.cairn.runtime.internal.sql;

import static dev.cairn.runtime.testing.Versions.versions;
import dev.cairn.runtime.IrreversibleMigrationException;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.SqlScriptException;
import dev.cairn.runtime.SqlStatement;
import dev.cairn.runtime.generated.GeneratedMigrations;
import dev.cairn.runtime.generated.ScriptResources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Loading, checking and running one script outside the engine; the engine's tests are in {@code SqlMigrationTest}. */
class SqlScriptMigrationTest {

    static final String USERS = "sqlmigrations/V1__create_users.sql";
    static final String USERS_UNDO = "sqlmigrations/U1__create_users.sql";
    static final String COMMITS = "sqlmigrations/V9__commits_itself.sql";
    private static final ScriptResources SCRIPTS = SqlScriptMigrationTest.class.getClassLoader()::getResourceAsStream;

    static String checksumOf(String resource) {
        return SqlScript.checksum(Corpus.text("../" + resource));
    }

    private static SqlScriptMigration users(String checksum) {
        return new SqlScriptMigration(SCRIPTS, USERS, checksum, USERS_UNDO, checksumOf(USERS_UNDO));
    }

    private static MigrationContext context(Connection connection, MigrationDescriptor descriptor) {
        return new MigrationContext() {
            @Override
            public Connection connection() {
                return connection;
            }

            @Override
            public int execute(String sql, Object... parameters) {
                throw new UnsupportedOperationException();
            }

            @Override
            public MigrationDescriptor migration() {
                return descriptor;
            }

            @Override
            public void progress(String message) {
            }
        };
    }

    private static MigrationDescriptor descriptor(SqlScriptMigration migration, boolean reversible) {
        return GeneratedMigrations.sqlMigration(1, "Create users", new long[0], migration.script(), true, reversible,
                checksumOf(migration.script()), index -> migration, 0);
    }

    @Test
    void statementsAreLoadedFromTheClassPathAndSplit() {
        List<SqlStatement> statements = users(checksumOf(USERS)).statements();

        assertEquals(List.of(2, 3), statements.stream().map(SqlStatement::line).toList());
        assertEquals("INSERT INTO users (id, name) VALUES (1, 'Ada; Lovelace')", statements.get(1).sql());
    }

    @Test
    void upRunsTheScriptAndDownRunsTheUndoScript() throws Exception {
        SqlScriptMigration migration = users(checksumOf(USERS));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            migration.up(context(connection, descriptor(migration, true)));
            try (Statement statement = connection.createStatement();
                    ResultSet names = statement.executeQuery("SELECT name FROM users")) {
                assertTrue(names.next());
                assertEquals("Ada; Lovelace", names.getString(1));
            }

            migration.down(context(connection, descriptor(migration, true)));

            try (Statement statement = connection.createStatement();
                    ResultSet tables = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
                tables.next();
                assertEquals(0, tables.getInt(1));
            }
        }
    }

    @Test
    void aFailingStatementIsReportedWithScriptAndLineAndKeepsTheSqlState() throws Exception {
        SqlScriptMigration migration = users(checksumOf(USERS));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE users (id INT)");
            }

            SQLException failure = assertThrows(SQLException.class,
                    () -> migration.up(context(connection, descriptor(migration, true))));

            assertTrue(failure.getMessage().startsWith(USERS + " line 2: "), failure.getMessage());
            assertTrue(failure.getMessage().contains("already exists"), failure.getMessage());
            assertEquals(((SQLException) failure.getCause()).getErrorCode(), failure.getErrorCode());
            assertEquals(((SQLException) failure.getCause()).getSQLState(), failure.getSQLState());
        }
    }

    @Test
    void aScriptChangedSinceCompilationIsRefusedNamingBothChecksums() {
        SqlScriptException refused = assertThrows(SqlScriptException.class,
                () -> users("sha256:0000").statements());

        assertEquals(USERS, refused.script());
        assertEquals(0, refused.line());
        assertTrue(refused.getMessage().contains("sha256:0000"), refused.getMessage());
        assertTrue(refused.getMessage().contains(checksumOf(USERS)), refused.getMessage());
        assertTrue(refused.getMessage().contains("Rebuild the application"), refused.getMessage());
    }

    @Test
    void aScriptMissingFromTheClassPathIsRefused() {
        SqlScriptException refused = assertThrows(SqlScriptException.class,
                () -> new SqlScriptMigration(SCRIPTS, "sqlmigrations/V7__gone.sql", "sha256:1", null, null)
                        .statements());

        assertEquals("sqlmigrations/V7__gone.sql", refused.script());
        assertTrue(refused.getMessage().contains("not among the application's resources"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Rebuild the application"), refused.getMessage());
    }

    @Test
    void aScriptControllingTransactionsIsRefusedAtTheLineBeforeAnythingRuns() throws Exception {
        SqlScriptMigration migration = new SqlScriptMigration(SCRIPTS, COMMITS, checksumOf(COMMITS), null, null);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            SqlScriptException refused = assertThrows(SqlScriptException.class,
                    () -> migration.up(context(connection, descriptor(migration, false))));

            assertEquals(4, refused.line());
            assertTrue(refused.getMessage().startsWith(COMMITS + " line 4: the statement 'COMMIT' controls the "
                    + "transaction"), refused.getMessage());
            try (Statement statement = connection.createStatement();
                    ResultSet tables = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
                tables.next();
                assertEquals(0, tables.getInt(1), "nothing of the script ran");
            }
        }
    }

    @Test
    void downWithoutAnUndoScriptIsIrreversible() throws Exception {
        SqlScriptMigration migration = new SqlScriptMigration(SCRIPTS, USERS, checksumOf(USERS), null, null);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            assertThrows(IrreversibleMigrationException.class,
                    () -> migration.down(context(connection, descriptor(migration, false))));
        }
        assertEquals(List.of(), migration.undoStatements());
    }

    @Test
    void sqlDescriptorNamesTheScriptWhereJavaOnesNameTheirClass() {
        MigrationDescriptor sql = GeneratedMigrations.sqlMigration(3, "Add index", new long[] {2}, "db/migration/V3__add_index.sql",
                false, true, "sha256:abc", index -> null, 4);
        MigrationDescriptor java = GeneratedMigrations.javaMigration(4, "Backfill", new long[] {3}, "com.example.Backfill", true,
                false, null, index -> null, 5);

        assertEquals(Optional.of("db/migration/V3__add_index.sql"), sql.script());
        assertEquals("db/migration/V3__add_index.sql", sql.className());
        assertEquals(versions(2), sql.dependsOn());
        assertFalse(sql.transactional());
        assertTrue(sql.reversible());
        assertEquals(Optional.of("sha256:abc"), sql.checksum());
        assertEquals(Optional.empty(), java.script());
    }
}
