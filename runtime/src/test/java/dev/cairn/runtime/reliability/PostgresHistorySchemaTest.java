package dev.cairn.runtime.reliability;

import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.InvalidConfigurationException;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.ExecutedMigration;
import dev.cairn.runtime.testing.PostgresServer;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Issue 19, bug 1: on PostgreSQL the history table was found through {@code search_path}, so a
 * schema that appeared in front of it ({@code "$user"} once a migration created it) or a
 * migration's {@code SET search_path} made Cairn read and write another schema's table. The
 * history table's schema is now settled once per operation, before any migration runs, and every
 * statement names it.
 */
class PostgresHistorySchemaTest {

    private static final String APP_PASSWORD = "App-S3cret-1909";

    /**
     * The first trigger: a database owned by role {@code app} with the default search path
     * ({@code "$user", public}); V2 creates schema {@code app}, which from then on comes first.
     */
    @Test
    void schemaNamedAfterTheUserCreatedByAMigrationDoesNotHideTheHistoryTable() throws Exception {
        PostgresServer server = PostgresServer.shared();
        server.createRole("app", APP_PASSWORD);
        PostgresServer.Database database = server.createDatabase("app");
        String url = database.jdbcUrlWithoutUser();

        Migrator first = Migrator.builder(release(2).build()).jdbcUrl(url, "app", APP_PASSWORD).build();
        assertEquals(List.of(1L, 2L), versions(first.migrate(2)));

        Migrator second = Migrator.builder(release(4).build()).jdbcUrl(url, "app", APP_PASSWORD).build();
        MigrationReport report = second.migrate();
        assertEquals(List.of(3L, 4L), versions(report), "V1 and V2 must not run again");

        try (Connection connection = DriverManager.getConnection(database.jdbcUrl())) {
            assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY", "4:APPLY"),
                    history(connection, "public"));
            assertEquals(List.of("public.accounts", "public.cairn_schema_history", "public.ledger"),
                    tables(connection, "public", "app"), "nothing was created in schema app");
            assertEquals(List.of("3"), column(connection, "SELECT count(*) FROM public.accounts"));
        }
        assertTrue(second.validate().isValid());
        assertEquals(List.of(), versions(second.migrate()), "a restart finds everything applied");
    }

    /**
     * The second trigger: migration 3 sets {@code search_path} to a tenant schema that has
     * a history table of its own. Rows 3 to 5 went into the tenant's table and the next start ran
     * 3 again. Now they go where 1 and 2 are, and the session's search path is restored after
     * migration 3, so 4 and 5 see the session the first migration saw.
     */
    @Test
    void migrationSettingSearchPathToASchemaWithItsOwnHistoryTableDoesNotMoveTheHistory() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            database.execute("CREATE SCHEMA tenant1");
            // The tenant's own history, made the usual way: a Migrator on a session whose search path is the tenant.
            Migrator tenant = Migrator.builder(TestRegistry.builder()
                    .migration(1).up("CREATE TABLE tenant_settings (id INT)")
                    .migration(2).dependsOn(1).up("INSERT INTO tenant_settings VALUES (1)").build())
                    .dataSource(withCurrentSchema(database, "tenant1")).build();
            tenant.migrate();
            assertEquals(List.of("tenant1.cairn_schema_history", "tenant1.tenant_settings"),
                    tables(database, "tenant1"));

            TestRegistry.Builder main = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE orders (id INT)")
                    .migration(2).dependsOn(1).up("INSERT INTO orders VALUES (1)");
            Migrator before = Migrator.builder(main.build()).dataSource(database.dataSource()).build();
            assertEquals(List.of(1L, 2L), versions(before.migrate()));

            main.migration(3).dependsOn(2).up(context -> {
                context.execute("SET search_path TO tenant1, public");
                context.execute("CREATE TABLE tenant_orders (id INT)");
            })
                    .migration(4).dependsOn(3).up("CREATE TABLE invoices (id INT)")
                    .migration(5).dependsOn(4).up("INSERT INTO invoices VALUES (1)");
            Migrator after = Migrator.builder(main.build()).dataSource(database.dataSource()).build();
            assertEquals(List.of(3L, 4L, 5L), versions(after.migrate()));

            try (Connection connection = database.dataSource().getConnection()) {
                assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY", "4:APPLY", "5:APPLY"),
                        history(connection, "public"));
                assertEquals(List.of("1:APPLY", "2:APPLY"), history(connection, "tenant1"),
                        "the tenant's history is not touched");
            }
            assertEquals(List.of("tenant1.cairn_schema_history", "tenant1.tenant_orders", "tenant1.tenant_settings"),
                    tables(database, "tenant1"), "migration 3 created its table where its own search path said");
            assertTrue(database.tableExists("invoices"));
            assertEquals(List.of("public"), database.column(
                    "SELECT table_schema FROM information_schema.tables WHERE table_name = 'invoices'"),
                    "migration 4 saw the session's search path, not the one migration 3 set");
            assertEquals(List.of(), versions(after.migrate()), "the next start runs nothing again");
            assertTrue(after.validate().isValid());
        }
    }

    /** A non-transactional migration's SET persists on the session; it is undone after it too. */
    @Test
    void searchPathSetByANonTransactionalMigrationIsRestoredForTheNextOne() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            database.execute("CREATE SCHEMA elsewhere");
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).up("SET search_path TO elsewhere").nonTransactional()
                    .migration(2).dependsOn(1).up("CREATE TABLE placed (id INT)")
                    .build();
            Migrator migrator = Migrator.builder(registry).dataSource(database.dataSource()).build();
            assertEquals(List.of(1L, 2L), versions(migrator.migrate()));
            assertEquals(List.of("public"), database.column(
                    "SELECT table_schema FROM information_schema.tables WHERE table_name = 'placed'"));
            try (Connection connection = database.dataSource().getConnection()) {
                assertEquals(List.of("1:APPLY", "2:APPLY"), history(connection, "public"));
            }
            assertEquals(List.of(), tables(database, "elsewhere"));
        }
    }

    @Test
    void configuredHistorySchemaHoldsTheHistoryWhateverTheSearchPath() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            database.execute("CREATE SCHEMA audit");
            database.execute("CREATE SCHEMA tenant2");
            TestRegistry.Builder registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE things (id INT)")
                    .migration(2).dependsOn(1).up(context -> context.execute("SET search_path TO tenant2"))
                    .migration(3).dependsOn(2).up("CREATE TABLE more_things (id INT)");
            // Upper case, as an unquoted identifier: PostgreSQL folds it, and so does Cairn.
            Migrator migrator = Migrator.builder(registry.build()).dataSource(database.dataSource())
                    .historySchema("Audit").build();
            assertEquals(List.of(1L, 2L, 3L), versions(migrator.migrate()));
            try (Connection connection = database.dataSource().getConnection()) {
                assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY"), history(connection, "audit"));
            }
            assertEquals(List.of("audit.cairn_schema_history"), tables(database, "audit"));
            assertEquals(List.of("audit"), database.column("SELECT table_schema FROM information_schema.tables"
                    + " WHERE table_name = 'cairn_schema_history'"), "no history table outside schema audit");
            assertEquals(3, migrator.info().migrations().size());
            assertTrue(migrator.validate().isValid());
            assertEquals(List.of(), versions(migrator.migrate()));

            // A second application's history in another schema of the same database is its own.
            Migrator other = Migrator.builder(TestRegistry.builder().migration(1).up("CREATE TABLE other_things (id INT)")
                    .build()).dataSource(database.dataSource()).historySchema("tenant2").build();
            assertEquals(List.of(1L), versions(other.migrate()));
            try (Connection connection = database.dataSource().getConnection()) {
                assertEquals(List.of("1:APPLY"), history(connection, "tenant2"));
                assertEquals(List.of("1:APPLY", "2:APPLY", "3:APPLY"), history(connection, "audit"));
            }
        }
    }

    @Test
    void configuredHistorySchemaThatDoesNotExistIsRefusedBeforeAnythingRuns() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            Migrator migrator = Migrator.builder(TestRegistry.builder().migration(1).up("CREATE TABLE things (id INT)")
                    .build()).dataSource(database.dataSource()).historySchema("missing_schema").build();
            assertEquals(1, migrator.info().migrations().size(), "reading finds no history: all pending");
            CairnException e = assertThrows(CairnException.class, migrator::migrate);
            assertSays(e, "schema missing_schema", "does not exist", "Nothing was applied", "CREATE SCHEMA",
                    "historySchema");
            assertFalse(database.tableExists("things"));
            assertFalse(database.tableExists("cairn_schema_history"));
        }
    }

    @Test
    void historySchemaThatIsNotAPlainIdentifierIsRejectedAtBuild() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> Migrator.builder(TestRegistry.builder().build()).jdbcUrl("jdbc:postgresql://localhost/app")
                        .historySchema("app\"; DROP TABLE users; --").build());
        assertSays(e, "historySchema \"app\"; DROP TABLE users; --\"", "plain SQL identifier");
    }

    @Test
    void historySchemaIsRejectedForSqliteAtBuildWhenTheUrlSaysSqlite() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> Migrator.builder(TestRegistry.builder().build()).jdbcUrl("jdbc:sqlite:app.db")
                        .historySchema("audit").build());
        assertSays(e, "historySchema \"audit\"", "SQLite", "has no schemas");
    }

    @Test
    void historySchemaIsRejectedForASqliteDataSourceBeforeAnythingIsWritten() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Migrator migrator = Migrator.builder(TestRegistry.builder().migration(1).up("CREATE TABLE things (id INT)")
                    .build()).dataSource(database.dataSource()).historySchema("audit").build();
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, migrator::migrate);
            assertSays(e, "historySchema \"audit\"", "SQLite", "has no schemas", "remove");
            assertThrows(InvalidConfigurationException.class, migrator::info);
            assertFalse(database.tableExists("things"));
            assertFalse(database.tableExists("cairn_schema_history"));
        }
    }

    @Test
    void descriptionWithANulCharacterIsRefusedOnPostgresBeforeAnythingRuns() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            Migrator migrator = Migrator.builder(TestRegistry.builder()
                    .migration(1).up("CREATE TABLE things (id INT)")
                    .migration(2).dependsOn(1).description("bad\u0000name").className("app.Migration2")
                    .up("CREATE TABLE more_things (id INT)").build())
                    .dataSource(database.dataSource()).build();
            CairnException e = assertThrows(CairnException.class, migrator::migrate);
            assertSays(e, "Migration 2 (app.Migration2)", "description", "NUL", "PostgreSQL cannot store",
                    "Nothing was applied");
            assertFalse(database.tableExists("things"), "refused before migration 1 ran");
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    /** V1 creates {@code accounts} with 2 rows, V2 creates schema {@code app}, V3 and V4 come later. */
    private static TestRegistry.Builder release(int upTo) {
        TestRegistry.Builder builder = TestRegistry.builder()
                .migration(1).up(context -> {
                    context.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner TEXT)");
                    context.execute("INSERT INTO accounts VALUES (1, 'ada'), (2, 'grace')");
                })
                .migration(2).dependsOn(1).up("CREATE SCHEMA IF NOT EXISTS app");
        if (upTo >= 4) {
            builder.migration(3).dependsOn(2).up("INSERT INTO accounts VALUES (3, 'edsger')")
                    .migration(4).dependsOn(3).up("CREATE TABLE public.ledger (id INT)");
        }
        return builder;
    }

    private static PGSimpleDataSource withCurrentSchema(TestDatabase database, String schema) {
        PGSimpleDataSource dataSource = (PGSimpleDataSource) database.dataSource();
        PGSimpleDataSource copy = new PGSimpleDataSource();
        copy.setServerNames(dataSource.getServerNames());
        copy.setPortNumbers(dataSource.getPortNumbers());
        copy.setDatabaseName(dataSource.getDatabaseName());
        copy.setUser(dataSource.getUser());
        copy.setCurrentSchema(schema);
        return copy;
    }

    private static List<Long> versions(MigrationReport report) {
        List<Long> versions = new ArrayList<>();
        for (ExecutedMigration executed : report.applied()) {
            versions.add(executed.migration().version().asLong());
        }
        return versions;
    }

    private static List<String> history(Connection connection, String schema) throws SQLException {
        return column(connection, "SELECT version || ':' || event FROM " + schema
                + ".cairn_schema_history ORDER BY installed_rank");
    }

    private static List<String> tables(Connection connection, String... schemas) throws SQLException {
        return column(connection, "SELECT table_schema || '.' || table_name FROM information_schema.tables"
                + " WHERE table_schema IN ('" + String.join("', '", schemas) + "') ORDER BY 1");
    }

    private static List<String> tables(TestDatabase database, String schema) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            return tables(connection, schema);
        }
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static void assertSays(CairnException e, String... fragments) {
        String message = e.getMessage().toLowerCase(Locale.ROOT);
        System.out.println("history schema: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment.toLowerCase(Locale.ROOT)),
                    "the message should say \"" + fragment + "\":\n" + e.getMessage());
        }
    }
}
