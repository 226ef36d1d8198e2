package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every engine command of the CLI, in-process, against a real SQLite file. */
class CliSqliteTest {
    @TempDir
    Path directory;

    private String url;
    private final TestRegistry shop = TestRegistry.branchingShop();

    @BeforeEach
    void database() {
        url = "jdbc:sqlite:" + directory.resolve("shop.db");
    }

    private CliRun cli(String... args) {
        return CliRun.withDefault(shop, url, args);
    }

    @Test
    void migrateShowsThePlanThenOneLinePerMigrationAndASummary() {
        CliRun run = cli("migrate");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.contains("4 migrations to apply, in this order:\n  1  Create books\n"), run.out);
        assertTrue(run.out.contains("  3  Add \"stock\" column  [irreversible]\n"), run.out);
        for (String line : new String[] {"applied  1  Create books  (", "applied  2  Create reviews  (",
                "applied  3  Add \"stock\" column  (", "applied  4  Create shop window  ("}) {
            assertTrue(run.out.contains(line), line + " missing from\n" + run.out);
        }
        assertTrue(run.out.contains("Applied 4 migrations in "), run.out);
    }

    @Test
    void secondMigrateIsANoOp() {
        assertEquals(Cli.EXIT_SUCCESS, cli("migrate").status);
        CliRun second = cli("migrate");
        assertEquals(Cli.EXIT_SUCCESS, second.status, second.toString());
        assertTrue(second.out.contains("is up to date: nothing to apply."), second.out);
    }

    @Test
    void targetAppliesOnlyTheTargetAndItsDependencies() {
        CliRun run = cli("migrate", "--target", "2");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.contains("Applied 2 migrations"), run.out);
        CliRun graph = cli("graph");
        assertTrue(graph.out.contains("m2[\"2: Create reviews (applied)\"]"), graph.out);
        assertTrue(graph.out.contains("m3[\"3: Add #quot;stock#quot; column (pending)\"]"), graph.out);
        assertTrue(graph.out.contains("class m1,m2 applied"), graph.out);
    }

    @Test
    void dryRunChangesNothing() {
        CliRun run = cli("migrate", "--dry-run");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.contains("Dry run: nothing was applied."), run.out);
        assertTrue(cli("info").out.contains("4 migrations: 4 pending."));
    }

    @Test
    void terminalIsAskedAndNoMeansNothingIsApplied() {
        CliRun run = CliRun.run(shop, url, Map.of(), CliRun.answers("n"), "migrate");
        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.out.contains("Cancelled: nothing was applied."), run.out);
        assertTrue(cli("info").out.contains("4 migrations: 4 pending."));
    }

    @Test
    void terminalAnsweringYesApplies() {
        CliRun run = CliRun.run(shop, url, Map.of(), CliRun.answers("y"), "migrate");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.contains("Applied 4 migrations"), run.out);
    }

    @Test
    void yesSkipsTheQuestionOnATerminal() {
        CliRun run = CliRun.run(shop, url, Map.of(), CliRun.answers(), "migrate", "--yes");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
    }

    @Test
    void planJsonListsPendingMigrationsInOrder() {
        CliRun run = cli("plan", "--json");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.startsWith("{\"database\":\"" + url + "\",\"upToDate\":false,\"valid\":true,\"migrations\":["
                + "{\"version\":1,\"description\":\"Create books\""), run.out);
        assertTrue(run.out.contains("{\"version\":3,\"description\":\"Add \\\"stock\\\" column\",\"className\":\"test.V3\","
                + "\"script\":null,\"transactional\":true,\"reversible\":false,"
                + "\"repeatable\":false,\"batched\":false,\"dependsOn\":[1],\"statements\":null}"),
                run.out);
        assertTrue(run.out.contains("\"dependsOn\":[2,3],\"statements\":null}],\"skipped\":[],\"problems\":[]}"),
                run.out);
        assertEquals(run.out, cli("migrate", "--dry-run", "--json").out);
    }

    @Test
    void infoTableShowsStatesAligned() {
        cli("migrate", "--target", "3");
        CliRun run = cli("info");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        String[] lines = run.out.split("\n");
        // --target 3 applies 3 and its dependency 1; 2 and 4 stay pending.
        assertTrue(lines[1].startsWith("Version  Description         State    Installed on          By"), run.out);
        assertTrue(lines[4].equals("2        Create reviews      pending"), run.out);
        assertTrue(lines[6].equals("4        Create shop window  pending"), run.out);
        assertTrue(run.out.contains("4 migrations: 2 applied, 2 pending."), run.out);
    }

    @Test
    void infoJsonHasOneObjectPerMigration() {
        cli("migrate");
        CliRun run = cli("info", "--json");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.contains("{\"version\":4,\"description\":\"Create shop window\",\"className\":\"test.V4\","
                + "\"script\":null,\"state\":\"APPLIED\",\"installedOn\":\""), run.out);
        assertTrue(run.out.contains("\"checksumMatches\":true,\"error\":null,\"descriptionMatches\":true,"
                + "\"application\":\"" + TestRegistry.class.getName() + "\",\"clearedError\":null,"
                + "\"repeatable\":false,\"progress\":null}]}"), run.out);
    }

    @Test
    void anotherApplicationsDatabaseIsRefusedSayingSoAndInfoShowsItsRows() {
        TestRegistry users = new TestRegistry().sql(1, "Create users", "CREATE TABLE users (id INTEGER)", null)
                .checksum("users-1");
        dev.cairn.runtime.Registry otherApplication = new dev.cairn.runtime.Registry() {
            @Override
            public java.util.List<dev.cairn.runtime.MigrationDescriptor> migrations() {
                return users.migrations();
            }
        };
        dev.cairn.runtime.Migrator.builder(otherApplication).jdbcUrl(url).build().migrate();

        CliRun migrate = cli("migrate");

        assertEquals(Cli.EXIT_FAILURE, migrate.status, migrate.toString());
        assertTrue(migrate.out.contains("[OTHER_APPLICATION] The database belongs to another application: its history "
                + "table cairn_schema_history records migrations applied by " + otherApplication.getClass().getName()
                + " (1 \"Create users\")"), migrate.out);
        assertTrue(migrate.out.contains("Point this application at its own database"), migrate.out);
        assertFalse(migrate.out.contains("repair"), migrate.out);
        CliRun info = cli("info");
        assertTrue(info.out.contains("Create users (recorded by " + otherApplication.getClass().getName()
                + "; this application's 1 is: Create books)"), info.out);
    }

    @Test
    void repairSaysTheFailureItClearsIsKeptAndInfoShowsIt() {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        TestRegistry failing = new TestRegistry()
                .sql(1, "Create books", "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT)", null)
                .add(2, "Fill books", false, false, () -> context -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("disk full halfway");
                    }
                }, 1);
        assertEquals(Cli.EXIT_FAILURE, CliRun.withDefault(failing, url, "migrate").status);

        CliRun repair = CliRun.withDefault(failing, url, "repair");

        assertEquals(Cli.EXIT_SUCCESS, repair.status, repair.toString());
        assertTrue(repair.out.contains("Cleared the failures of [2]: they no longer block migrate, and they stay in "
                + "the history table after a REPAIR row recording who cleared them and when"), repair.out);
        CliRun info = CliRun.withDefault(failing, url, "info");
        assertTrue(info.out.contains("Migration 2 failed and repair cleared it; the failure, kept in the history: "),
                info.out);
        assertTrue(info.out.contains("disk full halfway"), info.out);
        assertEquals(Cli.EXIT_SUCCESS, CliRun.withDefault(failing, url, "migrate").status);
        assertTrue(CliRun.withDefault(failing, url, "info", "--json").out.contains("disk full halfway"));
    }

    @Test
    void validateReportsAnEditedMigrationUntilRepaired() {
        cli("migrate");
        TestRegistry edited = new TestRegistry()
                .sql(1, "Create books", "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT)", "DROP TABLE books")
                .add(2, "Create reviews", "edited-checksum", true, false, () -> context -> { }, 1)
                .sql(3, "Add \"stock\" column", "ALTER TABLE books ADD COLUMN stock INTEGER", null, 1)
                .sql(4, "Create shop window", "SELECT 1", "SELECT 1", 2, 3);

        CliRun invalid = CliRun.withDefault(edited, url, "validate");
        assertEquals(Cli.EXIT_FAILURE, invalid.status, invalid.toString());
        assertTrue(invalid.out.startsWith("1 problem in " + url + ":\n  - 2 [CHECKSUM_MISMATCH] "), invalid.out);
        // Worded for the command line (issue 12 §5): the command, not the Java API's repair().
        assertTrue(invalid.out.contains("run 'repair' to record the new checksum"), invalid.out);
        assertFalse(invalid.out.contains("repair()"), invalid.out);

        CliRun json = CliRun.withDefault(edited, url, "validate", "--json");
        assertEquals(Cli.EXIT_FAILURE, json.status, json.toString());
        assertTrue(json.out.contains("\"valid\":false,\"problems\":[{\"kind\":\"CHECKSUM_MISMATCH\",\"version\":2,"),
                json.out);

        CliRun migrate = CliRun.withDefault(edited, url, "migrate");
        assertEquals(Cli.EXIT_FAILURE, migrate.status, migrate.toString());
        assertTrue(migrate.out.contains("'repair'"), migrate.out);
        assertFalse(migrate.out.contains("repair()"), migrate.out);

        CliRun repair = CliRun.withDefault(edited, url, "repair");
        assertEquals(Cli.EXIT_SUCCESS, repair.status, repair.toString());
        assertTrue(repair.out.contains("Realigned the recorded checksums of [2] with the code (recorded as REPAIR rows"),
                repair.out);
        assertEquals(Cli.EXIT_SUCCESS, CliRun.withDefault(edited, url, "validate").status);
        assertTrue(CliRun.withDefault(edited, url, "repair").out.contains("Nothing to repair"));
    }

    @Test
    void aDependencyProblemDoesNotSendTheOperatorToRepair() {
        // 1 rolled back while 2 stays, then the code says 2 depends on 1: repair cannot help there,
        // it answers "Nothing to repair" (issue 12 §5).
        TestRegistry independent = new TestRegistry()
                .sql(1, "Create books", "CREATE TABLE books (id INTEGER PRIMARY KEY)", "DROP TABLE books")
                .sql(2, "Create tags", "CREATE TABLE tags (id INTEGER PRIMARY KEY)", null);
        assertEquals(Cli.EXIT_SUCCESS, CliRun.withDefault(independent, url, "migrate").status);
        assertEquals(Cli.EXIT_SUCCESS, CliRun.withDefault(independent, url, "rollback", "--to", "2", "--yes").status);
        TestRegistry dependent = new TestRegistry()
                .sql(1, "Create books", "CREATE TABLE books (id INTEGER PRIMARY KEY)", "DROP TABLE books")
                .sql(2, "Create tags", "CREATE TABLE tags (id INTEGER PRIMARY KEY)", null, 1)
                .checksum(checksumOf(independent, 2));

        CliRun migrate = CliRun.withDefault(dependent, url, "migrate");

        assertEquals(Cli.EXIT_FAILURE, migrate.status, migrate.toString());
        assertTrue(migrate.out.contains("[DEPENDENCY_ROLLED_BACK]"), migrate.out);
        assertTrue(migrate.out.contains("'migrate --target 1'"), migrate.out);
        assertFalse(migrate.out.contains("repair"), migrate.out);
        assertFalse(migrate.out.contains("migrate(1)"), migrate.out);
        assertTrue(CliRun.withDefault(dependent, url, "repair").out.contains("Nothing to repair"));
    }

    private static String checksumOf(TestRegistry registry, long version) {
        return registry.migrations().stream().filter(m -> m.version().asLong() == version).findFirst().orElseThrow()
                .checksum().orElseThrow();
    }

    @Test
    void validateOfACleanDatabaseExitsZero() {
        cli("migrate");
        CliRun run = cli("validate");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.startsWith("Valid: "), run.out);
        assertEquals("{\"database\":\"" + url + "\",\"valid\":true,\"problems\":[]}\n", cli("validate", "--json").out);
    }

    @Test
    void databaseNewerThanTheApplicationFailsValidation() {
        cli("migrate");
        TestRegistry older = new TestRegistry()
                .sql(1, "Create books", "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT)", "DROP TABLE books");
        CliRun run = CliRun.withDefault(older, url, "validate");
        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.out.contains("[APPLIED_UNKNOWN]"), run.out);
    }

    @Test
    void failingMigrationIsOneParagraphWithExitOneAndNoStackTrace() {
        TestRegistry broken = new TestRegistry()
                .sql(1, "Create books", "CREATE TABLE books (id INTEGER PRIMARY KEY)", "DROP TABLE books")
                .sql(2, "Broken", "ALTER TABLE no_such_table ADD COLUMN x INTEGER", null, 1);
        CliRun run = CliRun.withDefault(broken, url, "migrate");
        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.out.contains("FAILED  2  Broken"), run.out);
        assertTrue(run.err.startsWith("Error: "), run.err);
        assertTrue(run.err.contains("no_such_table"), run.err);
        assertFalse(run.err.contains("\tat "), run.err);
        assertTrue(run.err.contains("(Run again with --verbose to see the stack trace.)"), run.err);

        CliRun verbose = CliRun.withDefault(broken, url, "migrate", "--verbose");
        assertEquals(Cli.EXIT_FAILURE, verbose.status, verbose.toString());
        assertTrue(verbose.err.contains("\tat "), verbose.err);
    }

    @Test
    void rollbackUndoesDependentsThenRefusesToCrossAnIrreversibleMigration() {
        cli("migrate");
        CliRun rollback = cli("rollback", "--to", "3");
        assertEquals(Cli.EXIT_SUCCESS, rollback.status, rollback.toString());
        int window = rollback.out.indexOf("rolled back  4  Create shop window");
        int reviews = rollback.out.indexOf("rolled back  2  Create reviews");
        assertTrue(window >= 0 && reviews > window, rollback.out);
        assertTrue(rollback.out.contains("Rolled back 2 migrations"), rollback.out);

        CliRun refused = cli("rollback", "--to", "1");
        assertEquals(Cli.EXIT_FAILURE, refused.status, refused.toString());
        assertTrue(refused.err.contains("3"), refused.err);
        assertTrue(cli("info").out.contains("rolled back"));
    }

    @Test
    void migrateAfterRollbackShowsTheRolledBackMigrationsAsSkippedAndATargetReappliesThem() {
        cli("migrate");
        cli("rollback", "--to", "3");

        CliRun restart = cli("migrate");
        assertEquals(Cli.EXIT_SUCCESS, restart.status, restart.toString());
        assertTrue(restart.out.contains("Skipped, rolled back"), restart.out);
        assertTrue(restart.out.contains("2  Create reviews"), restart.out);
        assertTrue(restart.out.contains("is up to date: nothing to apply"), restart.out);
        assertTrue(cli("plan", "--json").out.contains("\"skipped\":[{\"version\":2,"), restart.out);

        CliRun reapply = cli("migrate", "--target", "4");
        assertEquals(Cli.EXIT_SUCCESS, reapply.status, reapply.toString());
        assertTrue(reapply.out.contains("Applied 2 migrations"), reapply.out);
    }

    @Test
    void rollbackOnATerminalAsksFirst() {
        cli("migrate");
        CliRun run = CliRun.run(shop, url, Map.of(), CliRun.answers("no"), "rollback", "--to", "3");
        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.out.contains("Cancelled: nothing was rolled back."), run.out);
    }

    @Test
    void baselineRecordsAnExistingSchemaThenMigrateAppliesTheRest() {
        JavaMigration failsIfRun = new JavaMigration() {
            @Override
            public void up(MigrationContext context) {
                throw new AssertionError("a baselined migration must not run");
            }
        };
        TestRegistry registry = new TestRegistry()
                .add(1, "Create books", true, false, () -> failsIfRun)
                .sql(2, "Create reviews", "CREATE TABLE reviews (id INTEGER PRIMARY KEY)", "DROP TABLE reviews", 1);
        // The existing schema, as another tool or a person built it.
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url)) {
            connection.createStatement().execute("CREATE TABLE books (id INTEGER PRIMARY KEY)");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        CliRun baseline = CliRun.withDefault(registry, url, "baseline", "--version", "1");
        assertEquals(Cli.EXIT_SUCCESS, baseline.status, baseline.toString());
        assertTrue(baseline.out.contains("1 migration recorded as applied without running:\n  1  Create books"),
                baseline.out);
        CliRun migrate = CliRun.withDefault(registry, url, "migrate");
        assertEquals(Cli.EXIT_SUCCESS, migrate.status, migrate.toString());
        assertTrue(migrate.out.contains("Applied 1 migration in"), migrate.out);
    }

    @Test
    void unreachableDatabaseIsAFailureNotAUsageError() {
        CliRun run = CliRun.run(shop, null, Map.of(), null, "info", "--db",
                directory.resolve("no/such/dir/shop.db").toString());
        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.err.startsWith("Error: "), run.err);
    }

    @Test
    void unsupportedDatabaseIsNamed() {
        CliRun run = CliRun.run(shop, null, Map.of(), null, "info", "--url", "jdbc:nosuchdb://host/db");
        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.err.startsWith("Error: "), run.err);
    }

    @Test
    void repeatableMigrationsAreShownAsRAndAppliedAgainWhenTheirChecksumChanges() {
        String url = "jdbc:sqlite:" + directory.resolve("repeatable.db");
        TestRegistry first = new TestRegistry()
                .sql(1, "Create books", "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT)", null)
                .repeatable("shop window", "window-1", "CREATE VIEW IF NOT EXISTS shop_window AS SELECT title FROM books",
                        "1");
        CliRun migrate = CliRun.withDefault(first, url, "migrate");
        assertEquals(Cli.EXIT_SUCCESS, migrate.status, migrate.toString());
        assertTrue(migrate.out.contains("\n  R  shop window  [repeatable]  [SQL R__shop_window.sql]\n"), migrate.out);

        CliRun info = CliRun.withDefault(first, url, "info");
        assertTrue(info.out.matches("(?s).*\\nR +shop window +applied .*R__shop_window\\.sql.*"), info.out);

        TestRegistry edited = new TestRegistry()
                .sql(1, "Create books", "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT)", null)
                .repeatable("shop window", "window-2", "CREATE VIEW IF NOT EXISTS shop_window AS SELECT title FROM books",
                        "1");
        assertTrue(CliRun.withDefault(edited, url, "info").out.matches("(?s).*\\nR +shop window +outdated .*"));
        CliRun plan = CliRun.withDefault(edited, url, "--json", "plan");
        assertTrue(plan.out.contains("{\"version\":null,\"description\":\"shop window\""), plan.out);
        assertTrue(plan.out.contains("\"repeatable\":true"), plan.out);
        assertEquals(Cli.EXIT_SUCCESS, CliRun.withDefault(edited, url, "migrate").status);
        assertTrue(CliRun.withDefault(edited, url, "info").out.matches("(?s).*\\nR +shop window +applied .*"));
    }
}
