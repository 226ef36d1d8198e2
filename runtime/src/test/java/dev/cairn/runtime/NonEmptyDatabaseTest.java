package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.runtime.testing.FlywayHistory;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database that is not empty but has no Cairn history (built by Flyway, or by hand) is refused
 * by migrate before anything runs, and reported by plan and validate; issue 20, point 1.
 */
class NonEmptyDatabaseTest {

    /** The first migration is re-runnable, as the one that resurrected dropped tables in the issue. */
    private static final TestRegistry SHOP = TestRegistry.builder()
            .migration(1).description("Create books").up("CREATE TABLE IF NOT EXISTS books (id INT)")
            .migration(2).dependsOn(1).description("Create audit").up("CREATE TABLE audit (id INT)")
            .build();

    private static Migrator migrator(TestDatabase database) {
        return Migrator.builder(SHOP).dataSource(database.dataSource()).build();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void migrateRefusesADatabaseWithTablesButNoHistoryAndRunsNothing(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            database.execute("CREATE TABLE books (id INT)");

            NonEmptyDatabaseException refused = assertThrows(NonEmptyDatabaseException.class,
                    () -> migrator(database).migrate());

            // H2 folds an unquoted name to upper case, and the refusal names objects as the catalog has them.
            String books = database.isH2() ? "table BOOKS" : "table books";
            assertEquals(List.of(books), refused.objects());
            assertEquals(Optional.empty(), refused.flywayHistoryTable());
            String message = refused.getMessage();
            // On PostgreSQL the history table is named with its settled schema (public.cairn_schema_history).
            String table = database.qualifiedName("cairn_schema_history");
            assertTrue(message.contains("is not empty but has no Cairn history in " + table + ": it has "
                    + "1 object (" + books + ")"), message);
            assertTrue(message.contains("Nothing was applied."), message);
            assertTrue(message.contains("baseline(V) (CLI: baseline --version V)"), message);
            assertTrue(message.contains("Migrator.Builder.allowNonEmptyDatabase(true)"), message);
            assertFalse(database.tableExists("audit"), "migration 2 must not have run");
            assertFalse(database.tableExists("cairn_schema_history"), "refused before anything was created");
            assertThrows(NonEmptyDatabaseException.class, () -> migrator(database).migrate(2));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void refusalNamesFlywaysHistoryTableAndTheAdoptionCommand(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            database.execute("CREATE TABLE books (id INT)");
            FlywayHistory.create(database);

            NonEmptyDatabaseException refused = assertThrows(NonEmptyDatabaseException.class,
                    () -> migrator(database).migrate());

            assertEquals(Optional.of("flyway_schema_history"), refused.flywayHistoryTable());
            assertTrue(refused.objects().containsAll(List.of("table books", "table flyway_schema_history")),
                    refused.objects().toString());
            assertTrue(refused.getMessage().contains("Flyway migrated it (it has Flyway's history table "
                    + "flyway_schema_history): record what Flyway applied with adoptFlyway() (CLI: adopt-flyway)"),
                    refused.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void manyObjectsAreNamedAFewAndCounted(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            for (int i = 1; i <= 8; i++) {
                database.execute("CREATE TABLE t" + i + " (id INT)");
            }
            database.execute("CREATE VIEW v1 AS SELECT id FROM t1");

            NonEmptyDatabaseException refused = assertThrows(NonEmptyDatabaseException.class,
                    () -> migrator(database).migrate());

            assertEquals(9, refused.objects().size(), refused.objects().toString());
            assertEquals("view v1", refused.objects().get(8), "tables first");
            assertTrue(refused.getMessage().contains("it has 9 objects (table t1, table t2, table t3, table t4, "
                    + "table t5, and 4 more)"), refused.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void planAndValidateReportTheNonEmptyDatabaseInsteadOfListingEverythingAsPending(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            database.execute("CREATE TABLE books (id INT)");

            MigrationPlan plan = migrator(database).plan();
            ValidationReport validation = migrator(database).validate();

            assertTrue(plan.migrations().isEmpty(), plan.migrations().toString());
            for (ValidationReport report : List.of(plan.validation(), validation)) {
                assertEquals(1, report.problems().size(), report.toString());
                ValidationProblem problem = report.problems().get(0);
                assertEquals(ValidationProblem.Kind.NON_EMPTY_DATABASE, problem.kind());
                assertEquals(0, problem.version().asLong());
                assertTrue(problem.message().contains("1 object (table books)"), problem.message());
                assertTrue(problem.message().contains("migrate refuses to run over it."), problem.message());
            }
            assertFalse(database.tableExists("cairn_schema_history"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void allowNonEmptyDatabaseLetsTheFirstMigrateRunOverUnrelatedObjects(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            database.execute("CREATE TABLE app_settings (id INT)");
            Migrator allowing = Migrator.builder(SHOP).dataSource(database.dataSource()).allowNonEmptyDatabase(true)
                    .build();

            assertEquals(2, allowing.plan().migrations().size());
            assertTrue(allowing.validate().isValid());
            assertEquals(2, allowing.migrate().applied().size());

            assertTrue(database.tableExists("audit"));
            // Once Cairn has a history, the rule no longer applies, with or without the option.
            assertTrue(migrator(database).migrate().wasUpToDate());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void aViewAloneMakesTheDatabaseNonEmpty(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            database.execute("CREATE VIEW answer AS SELECT 42 AS value");

            NonEmptyDatabaseException refused = assertThrows(NonEmptyDatabaseException.class,
                    () -> migrator(database).migrate());

            assertEquals(List.of("view answer"), refused.objects());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = "POSTGRES")
    void onPostgresFunctionsSequencesAndTypesCountButNotOtherSchemasNorExtensions(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            database.execute("CREATE SCHEMA elsewhere");
            database.execute("CREATE TABLE elsewhere.other_apps_table (id INT)");
            boolean citext = database.count("SELECT count(*) FROM pg_available_extensions WHERE name = 'citext'") > 0;
            if (citext) {
                database.execute("CREATE EXTENSION citext");
            }
            assertTrue(migrator(database).plan().validation().isValid(),
                    "another schema and an extension's objects do not count");

            List<String> expected = new ArrayList<>();
            database.execute("CREATE TYPE mood AS ENUM ('calm', 'busy')");
            expected.add("enum type mood");
            database.execute("CREATE SEQUENCE order_numbers");
            expected.add("sequence order_numbers");
            database.execute("CREATE FUNCTION answer(a INT) RETURNS INT LANGUAGE SQL AS 'SELECT 42'");
            expected.add("function answer(a integer)");
            NonEmptyDatabaseException refused = assertThrows(NonEmptyDatabaseException.class,
                    () -> migrator(database).migrate());
            assertTrue(refused.objects().containsAll(expected) && refused.objects().size() == expected.size(),
                    refused.objects().toString());
            assumeTrue(citext, "citext is not available in this PostgreSQL installation");
        }
    }

    /**
     * PostgreSQL first asks pg_depend whether anything but the history table depends on the schema
     * (issue 16: the exact query scans catalogs that grow with every tenant schema). Each kind of
     * object the exact query counts, alone in a schema, must still make it non-empty.
     */
    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = "POSTGRES")
    void onPostgresEachKindOfObjectAloneMakesTheSchemaNonEmpty(TestDatabase.Kind kind) throws Exception {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("CREATE TABLE x (id INT)", "table x");
        kinds.put("CREATE TABLE x (id INT) PARTITION BY RANGE (id)", "table x");
        kinds.put("CREATE VIEW x AS SELECT 1 AS one", "view x");
        kinds.put("CREATE MATERIALIZED VIEW x AS SELECT 1 AS one", "materialized view x");
        kinds.put("CREATE SEQUENCE x", "sequence x");
        kinds.put("CREATE TYPE x AS (a INT)", "type x");
        kinds.put("CREATE TYPE x AS ENUM ('a')", "enum type x");
        kinds.put("CREATE DOMAIN x AS INT", "domain x");
        kinds.put("CREATE TYPE x AS RANGE (subtype = float8)", "range type x");
        kinds.put("CREATE FUNCTION x() RETURNS INT LANGUAGE SQL AS 'SELECT 42'", "function x()");
        kinds.put("CREATE PROCEDURE x() LANGUAGE SQL AS 'SELECT 1'", "function x()");
        for (Map.Entry<String, String> object : kinds.entrySet()) {
            try (TestDatabase database = kind.open()) {
                database.execute("CREATE SCHEMA tenant");
                database.execute(object.getKey().replace(" x", " tenant.x"));
                Migrator tenant = Migrator.builder(SHOP).dataSource(database.dataSource()).historySchema("tenant")
                        .build();

                NonEmptyDatabaseException refused = assertThrows(NonEmptyDatabaseException.class, tenant::migrate,
                        object.getKey());
                assertTrue(refused.objects().contains(object.getValue()), object.getKey() + ": " + refused.objects());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void anEmptyHistoryTableIsNoHistory(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            // What an earlier refusal under the lock, or a baseline of nothing, may leave behind.
            database.execute(database.isSqlite()
                    ? "CREATE TABLE cairn_schema_history (installed_rank INTEGER PRIMARY KEY, version INTEGER NOT NULL, "
                            + "description TEXT NOT NULL, type TEXT NOT NULL, event TEXT NOT NULL, checksum TEXT, "
                            + "installed_by TEXT NOT NULL, installed_on TEXT NOT NULL, execution_time_ms INTEGER NOT NULL, "
                            + "success INTEGER NOT NULL, error TEXT)"
                    : database.isMariaDb() ? OtherApplicationTest.MARIADB_EARLIER_LAYOUT
                    : "CREATE TABLE cairn_schema_history (installed_rank BIGINT GENERATED BY DEFAULT AS IDENTITY "
                            + "PRIMARY KEY, version BIGINT NOT NULL, description VARCHAR(200) NOT NULL, type VARCHAR(30) "
                            + "NOT NULL, event VARCHAR(20) NOT NULL, checksum VARCHAR(128), installed_by VARCHAR(100) "
                            + "NOT NULL, installed_on TIMESTAMP WITH TIME ZONE NOT NULL, execution_time_ms BIGINT NOT "
                            + "NULL, success BOOLEAN NOT NULL, error TEXT)");
            assertEquals(2, migrator(database).plan().migrations().size(), "Cairn's own table is not an object");

            database.execute("CREATE TABLE books (id INT)");

            NonEmptyDatabaseException refused = assertThrows(NonEmptyDatabaseException.class,
                    () -> migrator(database).migrate());
            assertEquals(List.of("table books"), refused.objects());
        }
    }
}
