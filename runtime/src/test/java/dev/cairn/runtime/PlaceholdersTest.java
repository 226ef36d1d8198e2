package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Flyway's placeholders in SQL scripts (issue 20: "support Flyway's syntax, with values known at
 * compile time or given at run time"): values given at run time, Flyway's built-ins, a missing
 * value refused before anything runs, replacement turned off, and checksums of the text as written.
 */
class PlaceholdersTest {

    private static final String SCRIPT = "sqlmigrations/placeholders/V1__orders.sql";

    private static Registry registry() {
        return TestRegistry.builder().migration(1).sqlScript(SCRIPT).build();
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void valuesAndBuiltInsAreReplacedBeforeTheScriptRuns(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator.builder(registry()).dataSource(database.dataSource())
                    .placeholder("table_prefix", "shop_").placeholder("app", "bookshop").build().migrate();

            String schema = database.isSqlite() ? "main" : database.column(database.isPostgres()
                    ? "SELECT current_schema()" : database.isH2() ? "SELECT CURRENT_SCHEMA" : "SELECT DATABASE()").get(0);
            assertEquals(List.of("bookshop " + schema), database.column(database.isMariaDb()
                    ? "SELECT concat(note, ' ', made_in) FROM shop_orders" : "SELECT note || ' ' || made_in FROM shop_orders"));
        }
    }

    @Test
    void aPlaceholderWithoutAValueStopsTheRunBeforeAnythingRunsNamingTheScriptAndLine() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Migrator migrator = Migrator.builder(registry()).dataSource(database.dataSource())
                    .placeholder("table_prefix", "shop_").build();

            SqlScriptException failure = assertThrows(SqlScriptException.class, migrator::migrate);

            assertEquals(SCRIPT, failure.script());
            assertEquals(1, failure.line());
            assertTrue(failure.getMessage().contains("the placeholder ${app} has no value, so nothing of the script was "
                    + "run. Give it one with Migrator.Builder.placeholder(\"app\", ...)"), failure.getMessage());
            assertTrue(!database.tableExists("shop_orders"), "nothing ran");
        }
    }

    @Test
    void aChangedValueIsNoEditOfTheScript() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Migrator.builder(registry()).dataSource(database.dataSource())
                    .placeholder("table_prefix", "shop_").placeholder("app", "bookshop").build().migrate();

            Migrator other = Migrator.builder(registry()).dataSource(database.dataSource())
                    .placeholder("table_prefix", "other_").placeholder("app", "elsewhere").build();

            assertTrue(other.validate().isValid(), other.validate().problems().toString());
            assertTrue(other.migrate().wasUpToDate());
        }
    }

    @Test
    void withReplacementOffAScriptRunsAsWritten() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Registry literal = TestRegistry.builder().migration(1)
                    .sqlScript("sqlmigrations/placeholders/V1__literal.sql").build();
            Migrator.builder(literal).dataSource(database.dataSource()).placeholderReplacement(false).build().migrate();

            assertEquals(List.of("Hello ${name}"), database.column("SELECT body FROM templates"));
        }
    }

    @Test
    void aDryRunShowsTheValuesAndTheBuiltInsAsWritten() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Registry registry = registry();
            MigrationPlan plan = Migrator.builder(registry).dataSource(database.dataSource())
                    .placeholder("table_prefix", "shop_").placeholder("app", "bookshop").build().plan();

            List<String> statements = plan.statements(registry.migrations().get(0)).orElseThrow().stream()
                    .map(SqlStatement::sql).collect(Collectors.toList());
            assertEquals(List.of("CREATE TABLE shop_orders (id INT, note TEXT, made_in TEXT)",
                    "INSERT INTO shop_orders (id, note, made_in) VALUES (1, 'bookshop', '${flyway:defaultSchema}')"),
                    statements.stream().map(s -> s.replaceAll("^--[^\\n]*\\n", "")).collect(Collectors.toList()));
        }
    }

    @Test
    void aPlaceholderNameIsChecked() {
        InvalidConfigurationException failure = assertThrows(InvalidConfigurationException.class,
                () -> Migrator.builder(registry()).jdbcUrl("jdbc:sqlite::memory:").placeholder("my app", "x"));
        assertTrue(failure.getMessage().contains("placeholder name \"my app\" is not a placeholder name"),
                failure.getMessage());
    }
}
