package dev.cairn.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code cairn-sample.jar}, run in a child JVM in a fresh directory, as the README
 * tells a newcomer to run it: every CLI command, its exit status, and the default SQLite file in
 * the working directory.
 */
class SampleCliIT {
    @TempDir
    Path directory;

    private SampleJar jar;

    @BeforeEach
    void jar() {
        jar = new SampleJar(directory);
    }

    private SampleJar.Result run(String... args) throws Exception {
        return jar.run(args);
    }

    @Test
    void migrateOnAFreshDirectoryCreatesTheDefaultDatabaseAndAppliesAllSeven() throws Exception {
        SampleJar.Result result = run("migrate", "--yes");
        assertEquals(0, result.status, result.toString());
        assertTrue(Files.isRegularFile(directory.resolve("cairn-sample.db")), result.toString());
        String[] descriptions = {"1  Create books", "2  Import starter catalog", "3  Create reviews",
            "4  Add stock levels", "5  Backfill average ratings", "6  Create shop window view",
            "7  Index books by author"};
        for (String description : descriptions) {
            assertTrue(result.out.contains("  applied  " + description + "  ("), description + "\n" + result);
        }
        assertTrue(result.out.contains("5: rated books 751-1000 of 1000"), result.toString());
        assertTrue(result.out.contains("Applied 7 migrations in "), result.toString());
        assertFalse(result.err.contains("INFO"), "engine log lines belong behind --verbose\n" + result);
    }

    @Test
    void secondMigrateIsANoOp() throws Exception {
        assertEquals(0, run("migrate", "--yes").status);
        SampleJar.Result second = run("migrate", "--yes");
        assertEquals(0, second.status, second.toString());
        assertEquals("The database jdbc:sqlite:cairn-sample.db is up to date: nothing to apply.\n", second.out);
    }

    @Test
    void withoutATerminalMigrateProceedsWithoutAsking() throws Exception {
        SampleJar.Result result = run("migrate");
        assertEquals(0, result.status, result.toString());
        assertTrue(result.out.contains("Applied 7 migrations"), result.toString());
    }

    @Test
    void dryRunAndPlanChangeNothing() throws Exception {
        SampleJar.Result dryRun = run("migrate", "--dry-run");
        assertEquals(0, dryRun.status, dryRun.toString());
        assertTrue(dryRun.out.contains("7 migrations to apply"), dryRun.toString());
        assertTrue(dryRun.out.contains("  4  Add stock levels  [irreversible]"), dryRun.toString());
        assertTrue(dryRun.out.contains("  7  Index books by author  [not transactional]"), dryRun.toString());
        assertTrue(run("info").out.contains("7 migrations: 7 pending."));
    }

    @Test
    void planJsonIsValidJsonListingTheGraphInOrder() throws Exception {
        SampleJar.Result result = run("plan", "--json");
        assertEquals(0, result.status, result.toString());
        Map<String, Object> plan = Json.object(result.out);
        assertEquals(Boolean.FALSE, plan.get("upToDate"));
        assertEquals(Boolean.TRUE, plan.get("valid"));
        List<?> migrations = (List<?>) plan.get("migrations");
        assertEquals(7, migrations.size());
        Map<?, ?> merge = (Map<?, ?>) migrations.get(5);
        assertEquals(6L, merge.get("version"));
        assertEquals(List.of(4L, 5L), merge.get("dependsOn"));
        assertEquals("dev.cairn.sample.db.CreateShopWindow", merge.get("className"));
        assertEquals(Boolean.FALSE, ((Map<?, ?>) migrations.get(6)).get("transactional"));
    }

    @Test
    void infoShowsAnAlignedTableAndJson() throws Exception {
        run("migrate", "--target", "3", "--yes");
        SampleJar.Result table = run("info");
        assertEquals(0, table.status, table.toString());
        assertTrue(table.out.contains("\n3        Create reviews            applied  "), table.toString());
        assertTrue(table.out.contains("\n4        Add stock levels          pending\n"), table.toString());

        SampleJar.Result json = run("info", "--json");
        assertEquals(0, json.status, json.toString());
        List<?> migrations = (List<?>) Json.object(json.out).get("migrations");
        assertEquals("APPLIED", ((Map<?, ?>) migrations.get(2)).get("state"));
        assertEquals("PENDING", ((Map<?, ?>) migrations.get(3)).get("state"));
    }

    @Test
    void validateExitsOneOnAnEditedMigrationAndRepairFixesIt() throws Exception {
        run("migrate", "--yes");
        assertEquals(0, run("validate").status);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("cairn-sample.db"));
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE cairn_schema_history SET checksum = 'edited-by-hand' WHERE version = 3");
        }
        SampleJar.Result invalid = run("validate");
        assertEquals(1, invalid.status, invalid.toString());
        assertTrue(invalid.out.contains("[CHECKSUM_MISMATCH]"), invalid.toString());

        SampleJar.Result json = run("validate", "--json");
        assertEquals(1, json.status, json.toString());
        Map<String, Object> report = Json.object(json.out);
        assertEquals(Boolean.FALSE, report.get("valid"));
        assertEquals(3L, ((Map<?, ?>) ((List<?>) report.get("problems")).get(0)).get("version"));

        SampleJar.Result repair = run("repair");
        assertEquals(0, repair.status, repair.toString());
        assertEquals(0, run("validate").status);
    }

    @Test
    void rollbackUndoesTheReviewsBranchButRefusesToCrossTheIrreversibleMigration() throws Exception {
        run("migrate", "--yes");
        SampleJar.Result rollback = run("rollback", "--to", "4", "--yes");
        assertEquals(0, rollback.status, rollback.toString());
        // Dependents first: the index, the view, the ratings, then the reviews table.
        String out = rollback.out;
        assertTrue(out.indexOf("rolled back  7") < out.indexOf("rolled back  6")
                && out.indexOf("rolled back  6") < out.indexOf("rolled back  5")
                && out.indexOf("rolled back  5") < out.indexOf("rolled back  3")
                && out.indexOf("rolled back  7") >= 0, rollback.toString());
        assertTrue(out.contains("Rolled back 4 migrations"), rollback.toString());

        SampleJar.Result refused = run("rollback", "--to", "2", "--yes");
        assertEquals(1, refused.status, refused.toString());
        assertTrue(refused.err.contains("4"), refused.toString());
        assertFalse(refused.err.contains("\tat "), refused.toString());

        // A restart must not undo the rollback: plain migrate leaves the rolled-back migrations alone ...
        SampleJar.Result restart = run("migrate", "--yes");
        assertEquals(0, restart.status, restart.toString());
        assertTrue(restart.out.contains("Skipped, rolled back"), restart.toString());
        assertTrue(restart.out.contains("is up to date"), restart.toString());
        // ... and naming a target is the explicit choice that re-applies them.
        SampleJar.Result again = run("migrate", "--target", "7", "--yes");
        assertEquals(0, again.status, again.toString());
        assertTrue(again.out.contains("Applied 4 migrations"), again.toString());
    }

    @Test
    void baselineAdoptsADatabaseThatAlreadyHasTheCatalogue() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("legacy.db"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, author TEXT NOT NULL, "
                    + "price_cents INTEGER NOT NULL)");
            statement.execute("INSERT INTO books VALUES (5000, 'A Book From Before Cairn', 'Someone', 1000)");
        }
        SampleJar.Result baseline = run("baseline", "--version", "1", "--db", "legacy.db");
        assertEquals(0, baseline.status, baseline.toString());
        SampleJar.Result migrate = run("migrate", "--yes", "--db", "legacy.db");
        assertEquals(0, migrate.status, migrate.toString());
        assertTrue(migrate.out.contains("Applied 6 migrations"), migrate.toString());
        assertTrue(run("info", "--db", "legacy.db").out.contains("1        Create books              baselined"));
    }

    @Test
    void graphMarksAppliedAndPendingInMermaidAndDot() throws Exception {
        run("migrate", "--target", "4", "--yes");
        SampleJar.Result mermaid = run("graph");
        assertEquals(0, mermaid.status, mermaid.toString());
        assertTrue(mermaid.out.startsWith("flowchart TD\n"), mermaid.toString());
        assertTrue(mermaid.out.contains("m4[\"4: Add stock levels (applied)\"]"), mermaid.toString());
        assertTrue(mermaid.out.contains("m5[\"5: Backfill average ratings (pending)\"]"), mermaid.toString());
        assertTrue(mermaid.out.contains("m4 --> m6\n    m5 --> m6\n"), mermaid.toString());

        SampleJar.Result dot = run("graph", "--format", "dot");
        assertEquals(0, dot.status, dot.toString());
        assertTrue(dot.out.contains("m3 -> m5;"), dot.toString());

        SampleJar.Result offline = run("graph", "--offline");
        assertFalse(offline.out.contains("(applied)"), offline.toString());
    }

    @Test
    void newWritesAMigrationThatCompilesAgainstTheJar() throws Exception {
        SampleJar.Result result = run("new", "Add gift wrapping", "--source-dir", "src");
        assertEquals(0, result.status, result.toString());
        Path file = directory.resolve("src/dev/cairn/sample/db/AddGiftWrapping.java");
        String source = Files.readString(file);
        assertTrue(source.contains("@Migration(version = 8, dependsOn = 7)"), source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-proc:none", "-d", directory.resolve("classes").toString(),
                "-cp", SampleJar.jar().toString(), file.toString());
        assertEquals(0, status, "generated migration does not compile:\n" + source);

        SampleJar.Result again = run("new", "Add gift wrapping", "--source-dir", "src");
        assertEquals(1, again.status, again.toString());
        assertTrue(again.err.contains("already exists"), again.toString());
    }

    @Test
    void helpExitsZeroGloballyAndPerCommand() throws Exception {
        SampleJar.Result global = run("--help");
        assertEquals(0, global.status, global.toString());
        assertTrue(global.out.startsWith("Usage: java -jar cairn-sample.jar [global options] <command>"), global.toString());
        SampleJar.Result rollback = run("rollback", "--help");
        assertEquals(0, rollback.status, rollback.toString());
        assertTrue(rollback.out.startsWith("Usage: java -jar cairn-sample.jar rollback [--to V] [--yes]"),
                rollback.toString());
    }

    @Test
    void badUsageExitsTwoWithOneParagraph() throws Exception {
        for (String[] args : new String[][] {{}, {"frobnicate"}, {"rollback"}, {"migrate", "--target", "x"},
                {"info", "--password", "pw"}, {"repair", "--json"}}) {
            SampleJar.Result result = run(args);
            assertEquals(2, result.status, result.toString());
            assertTrue(result.err.startsWith("Error: "), result.toString());
            assertFalse(result.err.contains("\tat "), result.toString());
        }
    }

    @Test
    void unreachableDatabaseExitsOneAndVerboseAddsTheStackTrace() throws Exception {
        SampleJar.Result quiet = run("info", "--db", "no/such/directory/shop.db");
        assertEquals(1, quiet.status, quiet.toString());
        assertTrue(quiet.err.startsWith("Error: "), quiet.toString());
        assertFalse(quiet.err.contains("\tat "), quiet.toString());

        SampleJar.Result verbose = run("info", "--db", "no/such/directory/shop.db", "--verbose");
        assertEquals(1, verbose.status, verbose.toString());
        assertTrue(verbose.err.contains("\tat "), verbose.toString());
    }

    @Test
    void theShopMigratesAtStartupThenServes() throws Exception {
        SampleJar.Result first = run("shop");
        assertEquals(0, first.status, first.toString());
        assertTrue(first.out.startsWith("Applied 7 migrations at startup.\nTop of the shop window:\n"), first.toString());
        SampleJar.Result second = run("shop");
        assertTrue(second.out.startsWith("Database up to date.\n"), second.toString());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("cairn-sample.db"));
                Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery("PRAGMA user_version")) {
            version.next();
            assertEquals(7, version.getInt(1), "PRAGMA user_version holds the highest applied version");
        }
    }
}
