package dev.cairn.runtime;

import static dev.cairn.runtime.testing.Versions.versions;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SQL script migrations through the engine, on SQLite files, SQLite in memory and PostgreSQL:
 * registries built as the processor would build them ({@code MigrationDescriptor.sql} and
 * {@code SqlScriptMigration} over test resources).
 */
class SqlMigrationTest {

    private static final String DIR = "sqlmigrations/engine/";
    static final String PRODUCTS = DIR + "V1__create_products.sql";
    static final String PRODUCTS_UNDO = DIR + "U1__create_products.sql";
    static final String ORDERS = DIR + "V3__create_orders.sql";
    static final String ORDERS_UNDO = DIR + "U3__create_orders.sql";
    static final String BROKEN = DIR + "V4__broken.sql";
    static final String PRICE_FUNCTION = DIR + "V6__price_function.sql";
    static final String PRICE_FUNCTION_UNDO = DIR + "U6__price_function.sql";
    static final String COMMITS = "sqlmigrations/V9__commits_itself.sql";

    private static Migrator migrator(TestDatabase database, Registry registry) {
        return Migrator.builder(registry).dataSource(database.dataSource()).build();
    }

    private static List<String> history(TestDatabase database) throws Exception {
        return database.column("SELECT concat(version, ':', event, ':', type) FROM cairn_schema_history "
                + "WHERE event <> 'VERIFIED' ORDER BY installed_rank");
    }

    /** 1 (SQL schema) <- 2 (Java data) <- 3 (SQL using the data): the mixed graph. */
    private static TestRegistry.Builder mixed() {
        return TestRegistry.builder()
                .migration(1).description("Create products").sqlScript(PRODUCTS).undoScript(PRODUCTS_UNDO)
                .migration(2).dependsOn(1).description("Load products").className("com.example.LoadProducts")
                .up(context -> {
                    context.execute("INSERT INTO products (id, name, price_cents) VALUES (?, ?, ?)", 1, "Tea", 350);
                    context.execute("INSERT INTO products (id, name, price_cents) VALUES (?, ?, ?)", 2, "Cake", 420);
                })
                .down("DELETE FROM products")
                .migration(3).dependsOn(2).description("Create orders").sqlScript(ORDERS).undoScript(ORDERS_UNDO);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void mixedJavaAndSqlGraphAppliesInOrderAndRecordsEachType(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            MigrationReport report = migrator(database, mixed().build()).migrate();

            assertEquals(versions(1, 2, 3), report.applied().stream().map(e -> e.migration().version()).toList());
            assertEquals(List.of("1:APPLY:SQL", "2:APPLY:JAVA", "3:APPLY:SQL"), history(database));
            assertEquals(List.of(TestRegistry.scriptChecksum(PRODUCTS), "checksum-2", TestRegistry.scriptChecksum(ORDERS)),
                    database.column("SELECT checksum FROM cairn_schema_history WHERE event = 'APPLY' "
                            + "ORDER BY installed_rank"));
            assertEquals(List.of("first order; of Tea", "first order; of Cake"),
                    database.column("SELECT note FROM orders ORDER BY id"));
            assertTrue(migrator(database, mixed().build()).validate().isValid());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void failingStatementInTransactionalScriptLeavesNothingOfItAndHistoryNamesScriptAndLine(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).sqlScript(PRODUCTS)
                    .migration(4).dependsOn(1).description("Broken").sqlScript(BROKEN)
                    .build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                    () -> migrator(database, registry).migrate());

            assertEquals(4, failure.version().asLong());
            assertEquals(BROKEN, failure.className());
            assertTrue(failure.getMessage().startsWith("Migration 4 (" + BROKEN + ") failed in up(): "),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains(BROKEN + " line 4: "), failure.getMessage());
            assertTrue(failure.sqlState().isPresent() || kind != TestDatabase.Kind.POSTGRES);
            if (database.commitsDdlImplicitly()) {
                // CREATE TABLE committed implicitly; the INSERT after it was in the next transaction, rolled back.
                assertEquals(List.of(), database.column("SELECT id FROM half_done"));
                assertTrue(failure.getMessage().contains("may be partly applied"), failure.getMessage());
                assertTrue(failure.getMessage().contains("call repair()"), failure.getMessage());
            } else {
                assertFalse(database.tableExists("half_done"), "the statements before the failing one were rolled back");
            }
            assertTrue(database.tableExists("products"), "the migration before it stays applied");
            assertEquals(List.of("1:APPLY:SQL", "4:APPLY_FAILED:SQL"), history(database));
            String error = database.column("SELECT error FROM cairn_schema_history WHERE version = 4").get(0);
            assertTrue(error.contains(BROKEN + " line 4: "), error);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void failingNonTransactionalScriptKeepsItsEarlierStatementsAndWaitsForRepair(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(4).description("Broken").sqlScript(BROKEN).nonTransactional()
                    .build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                    () -> migrator(database, registry).migrate());

            assertTrue(failure.getMessage().contains(BROKEN + " line 4: "), failure.getMessage());
            assertTrue(failure.getMessage().contains("call repair()"), failure.getMessage());
            assertEquals(List.of("1"), database.column("SELECT id FROM half_done"));
            assertEquals(List.of("4:APPLY_FAILED:SQL_NON_TRANSACTIONAL"), history(database));
            PendingRepairException blocked = assertThrows(PendingRepairException.class,
                    () -> migrator(database, registry).migrate());
            assertTrue(blocked.getMessage().contains(BROKEN), blocked.getMessage());

            database.execute("DROP TABLE half_done");
            assertEquals(versions(4), migrator(database, registry).repair().clearedFailures());
            assertTrue(migrator(database, registry).validate().isValid());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void scriptChangedSinceCompilationIsRefusedBeforeAnyMigrationOfTheRunRuns(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).sqlScript(PRODUCTS)
                    .migration(3).dependsOn(1).description("Create orders").sqlScript(ORDERS).checksum("sha256:compiled")
                    .build();

            SqlScriptException refused = assertThrows(SqlScriptException.class,
                    () -> migrator(database, registry).migrate());

            assertEquals(ORDERS, refused.script());
            assertTrue(refused.getMessage().startsWith(ORDERS + ": migration 3 (Create orders) cannot run, so "
                    + "nothing was applied in this run: the script changed since the application was compiled"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("sha256:compiled"), refused.getMessage());
            assertTrue(refused.getMessage().contains(TestRegistry.scriptChecksum(ORDERS)), refused.getMessage());
            assertTrue(refused.getMessage().contains("Rebuild the application"), refused.getMessage());
            assertFalse(database.tableExists("products"), "migration 1 did not run either");
            if (database.tableExists("cairn_schema_history")) {
                assertEquals(List.of(), history(database));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void scriptMissingFromTheClassPathIsRefusedBeforeAnythingRuns(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).sqlScript(PRODUCTS)
                    .migration(2).dependsOn(1).description("Gone").sqlScript(DIR + "V2__gone.sql")
                    .build();

            SqlScriptException refused = assertThrows(SqlScriptException.class,
                    () -> migrator(database, registry).migrate());

            assertTrue(refused.getMessage().startsWith(DIR + "V2__gone.sql: migration 2 (Gone) cannot run"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("not among the application's resources"), refused.getMessage());
            assertTrue(refused.getMessage().contains("Rebuild the application"), refused.getMessage());
            assertFalse(database.tableExists("products"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void scriptWithTransactionControlIsRefusedAtItsLineBeforeAnythingRuns(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder().migration(9).description("Commits").sqlScript(COMMITS).build();

            SqlScriptException refused = assertThrows(SqlScriptException.class,
                    () -> migrator(database, registry).migrate());

            assertEquals(4, refused.line());
            assertTrue(refused.getMessage().startsWith(COMMITS + " line 4: migration 9 (Commits) cannot run"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("controls the transaction"), refused.getMessage());
            assertFalse(database.tableExists("partial"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void appliedScriptEditedAfterwardsFailsValidationUntilRepaired(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry compiled = TestRegistry.builder().migration(1).sqlScript(PRODUCTS).build();
            migrator(database, compiled).migrate();
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).description("Create products").sqlScript(PRODUCTS).checksum("sha256:edited")
                    .build();

            ValidationReport report = migrator(database, registry).validate();

            assertEquals(versions(1), report.problems(ValidationProblem.Kind.CHECKSUM_MISMATCH).stream()
                    .map(ValidationProblem::version).toList());
            assertTrue(report.describeProblems().contains(PRODUCTS), report.describeProblems());
            assertThrows(ValidationException.class, () -> migrator(database, registry).migrate());
            assertEquals(versions(1), migrator(database, registry).repair().realignedChecksums());
            assertTrue(migrator(database, registry).validate().isValid());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void rollbackRunsUndoScriptsAndRecordsThem(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, mixed().build()).migrate();

            RollbackReport report = migrator(database, mixed().build()).rollback(1);

            assertEquals(versions(3, 2), report.rolledBack().stream().map(e -> e.migration().version()).toList());
            assertFalse(database.tableExists("orders"));
            assertEquals(0, database.count("SELECT count(*) FROM products"));
            assertEquals(List.of("1:APPLY:SQL", "2:APPLY:JAVA", "3:APPLY:SQL", "3:ROLLBACK:SQL", "2:ROLLBACK:JAVA"),
                    history(database));
            assertEquals(versions(2, 3), migrator(database, mixed().build()).migrate(3).applied().stream()
                    .map(e -> e.migration().version()).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void sqlMigrationWithoutUndoScriptIsIrreversibleAndNothingIsRolledBack(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).sqlScript(PRODUCTS)
                    .migration(3).dependsOn(1).description("Create orders").sqlScript(ORDERS)
                    .build();
            migrator(database, registry).migrate();

            IrreversibleMigrationException refused = assertThrows(IrreversibleMigrationException.class,
                    () -> migrator(database, registry).rollback(1));

            assertEquals(versions(3), refused.irreversible().stream().map(MigrationDescriptor::version).toList());
            assertTrue(refused.getMessage().contains("3 (" + ORDERS + ")"), refused.getMessage());
            assertTrue(refused.getMessage().contains("add an undo script to the SQL ones"), refused.getMessage());
            assertTrue(database.tableExists("orders"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void changedUndoScriptIsRefusedBeforeAnythingIsRolledBack(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).sqlScript(PRODUCTS)
                    .migration(3).dependsOn(1).description("Create orders").sqlScript(ORDERS)
                    .undoScript(DIR + "U9__missing_undo.sql")
                    .build();
            migrator(database, registry).migrate();

            SqlScriptException refused = assertThrows(SqlScriptException.class,
                    () -> migrator(database, registry).rollback(1));

            assertTrue(refused.getMessage().contains("nothing was rolled back"), refused.getMessage());
            assertTrue(database.tableExists("orders"));
        }
    }

    @Test
    void postgresDollarQuotedFunctionAndTriggerRunFromAScript() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).sqlScript(PRODUCTS).undoScript(PRODUCTS_UNDO)
                    .migration(6).dependsOn(1).description("Price check").sqlScript(PRICE_FUNCTION)
                    .undoScript(PRICE_FUNCTION_UNDO)
                    .build();

            migrator(database, registry).migrate();

            database.execute("INSERT INTO products VALUES (1, '  Tea  ', 350)");
            assertEquals(List.of("Tea"), database.column("SELECT name FROM products"));
            Exception refused = assertThrows(Exception.class,
                    () -> database.execute("INSERT INTO products VALUES (2, 'Free', -1)"));
            assertTrue(refused.getMessage().contains("price of Free; must not be negative"), refused.getMessage());

            migrator(database, registry).rollback(1);
            database.execute("INSERT INTO products VALUES (2, 'Free', -1)");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void planGivesTheStatementsOfSqlMigrationsAndNothingForJavaOnes(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            MigrationPlan plan = migrator(database, mixed().build()).plan();

            assertEquals(versions(1, 2, 3), plan.migrations().stream().map(MigrationDescriptor::version).toList());
            List<SqlStatement> products = plan.statements(plan.migrations().get(0)).orElseThrow();
            assertEquals(List.of(2, 7), products.stream().map(SqlStatement::line).toList());
            assertTrue(products.get(0).sql().startsWith("CREATE TABLE products ("));
            assertEquals(Optional.empty(), plan.statements(plan.migrations().get(1)));
            assertEquals(List.of(2, 3), plan.statements(plan.migrations().get(2)).orElseThrow().stream()
                    .map(SqlStatement::line).toList());
            assertFalse(database.tableExists("cairn_schema_history") && database.count(
                    "SELECT count(*) FROM cairn_schema_history") > 0, "a plan changes nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void infoNamesTheScriptOfSqlMigrationsAndBaselineRecordsTheirType(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, mixed().build()).baseline(2);

            InfoReport info = migrator(database, mixed().build()).info();

            assertEquals(List.of(Optional.of(PRODUCTS), Optional.of("com.example.LoadProducts"), Optional.of(ORDERS)),
                    info.migrations().stream().map(MigrationInfo::className).toList());
            assertEquals(List.of("1:BASELINE:SQL", "2:BASELINE:JAVA"), history(database));
        }
    }

    @Test
    void singleTransactionRunsSqlAndJavaMigrationsAllOrNothing() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            TestRegistry registry = mixed().migration(4).dependsOn(3).sqlScript(BROKEN).build();

            assertThrows(MigrationFailedException.class, () -> Migrator.builder(registry)
                    .dataSource(database.dataSource()).singleTransaction(true).build().migrate());

            assertFalse(database.tableExists("products"));
            assertFalse(database.tableExists("half_done"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void instancesMigratingAtOnceApplyEachSqlMigrationOnce(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            int instances = 3;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            try {
                List<Future<MigrationReport>> reports = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    reports.add(pool.submit(() -> {
                        start.await();
                        return migrator(database, mixed().build()).migrate();
                    }));
                }
                start.countDown();
                int applied = 0;
                for (Future<MigrationReport> report : reports) {
                    applied += report.get(2, TimeUnit.MINUTES).applied().size();
                }

                assertEquals(3, applied, "each migration applied by exactly one instance");
            } finally {
                pool.shutdownNow();
            }
            assertEquals(List.of("1:APPLY:SQL", "2:APPLY:JAVA", "3:APPLY:SQL"), history(database));
            assertEquals(2, database.count("SELECT count(*) FROM orders"));
        }
    }

    @Test
    void nonTransactionalScriptRunsWhatPostgresRefusesInATransaction() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(1).sqlScript(PRODUCTS)
                    .migration(7).dependsOn(1).description("Concurrent index").sqlScript(DIR + "V7__concurrent_index.sql")
                    .nonTransactional()
                    .build();

            migrator(database, registry).migrate();

            assertEquals(List.of("1:APPLY:SQL", "7:APPLY:SQL_NON_TRANSACTIONAL"), history(database));
            assertEquals(1, database.count("SELECT count(*) FROM pg_indexes WHERE indexname = 'products_price'"));
        }
    }

    @Test
    void commitHiddenInAPostgresProcedureIsRefusedByPostgresInsideTheMigrationsTransaction() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.POSTGRES.open()) {
            TestRegistry registry = TestRegistry.builder()
                    .migration(8).description("Procedure commits").sqlScript(DIR + "V8__procedure_commits.sql")
                    .build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                    () -> migrator(database, registry).migrate());

            assertTrue(failure.getMessage().contains("V8__procedure_commits.sql line 8: "), failure.getMessage());
            assertTrue(failure.getMessage().contains("invalid transaction termination"), failure.getMessage());
            assertFalse(database.tableExists("committed_early"));
            assertEquals(0, database.count("SELECT count(*) FROM pg_proc WHERE proname = 'commit_inside'"));
        }
    }
}
