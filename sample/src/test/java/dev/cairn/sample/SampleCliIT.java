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

    private Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("cairn-sample.db"));
    }

    @Test
    void migrateOnAFreshDirectoryCreatesTheDefaultDatabaseAndAppliesAllThirteen() throws Exception {
        SampleJar.Result result = run("migrate", "--yes");
        assertEquals(0, result.status, result.toString());
        assertTrue(Files.isRegularFile(directory.resolve("cairn-sample.db")), result.toString());
        // Versions are right-aligned now that there are two-digit ones.
        String[] descriptions = {" 1  Create books", " 2  Import starter catalog", " 3  Create reviews",
            " 4  Add stock levels", " 5  Backfill average ratings", " 6  Create shop window view",
            " 7  Index books by author", " 8  Create order statuses", " 9  Create orders", "10  Order totals view",
            "11  Seed orders", "12  Import order archive", "13  Backfill order totals"};
        int previous = -1;
        for (String description : descriptions) {
            int at = result.out.indexOf("  applied  " + description + "  (");
            assertTrue(at > previous, "applied in graph order: " + description + "\n" + result);
            previous = at;
        }
        assertTrue(result.out.contains("   8  Create order statuses  [SQL db/migration/V8__create_order_statuses.sql]\n"),
                "the plan names the script of a SQL migration\n" + result);
        assertTrue(result.out.contains("5: rated books 751-1000 of 1000"), result.toString());
        assertTrue(result.out.contains("Applied 13 migrations in "), result.toString());
        try (Connection connection = database()) {
            assertEquals("200000", single(connection, "SELECT COUNT(*) FROM order_archive "
                    + "WHERE total_cents = quantity * unit_price_cents"), "the batched migration 13 filled every total");
            assertEquals("0", single(connection, "SELECT COUNT(*) FROM cairn_schema_history_batches"),
                    "its checkpoint went with its APPLY row");
        }
        assertFalse(result.err.contains("INFO"), "engine log lines belong behind --verbose\n" + result);
    }

    @Test
    void sqlMigrationsAreRecordedAsSqlAndKeepTheSemicolonsInsideTheirStrings() throws Exception {
        assertEquals(0, run("migrate", "--yes").status);
        try (Connection connection = database()) {
            assertEquals(Map.of(1L, "JAVA", 7L, "JAVA_NON_TRANSACTIONAL", 8L, "SQL", 9L, "SQL", 10L, "SQL",
                    11L, "JAVA"), historyTypes(connection, 1, 7, 8, 9, 10, 11));
            assertEquals("Cancelled; the customer's payment failed",
                    single(connection, "SELECT label FROM order_statuses WHERE code = 'cancelled'"));
            assertEquals("600", single(connection, "SELECT COUNT(*) FROM orders"), "Java migration 11 seeded orders");
            assertEquals("1", single(connection,
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'orders_book'"));
        }
    }

    /** The {@code type} of each version's APPLY row in the history table. */
    static Map<Long, String> historyTypes(Connection connection, long... versions) throws Exception {
        Map<Long, String> types = new java.util.HashMap<>();
        for (long version : versions) {
            types.put(version, single(connection,
                    "SELECT type FROM cairn_schema_history WHERE event = 'APPLY' AND version = " + version));
        }
        return types;
    }

    /** The single value of a one-row, one-column query, as text; null if there is no row. */
    static String single(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /**
     * The batched migration 13 stopped by a failing batch (a trigger refuses one archived order):
     * the batches before it stay committed, {@code info} shows it in progress, and the next
     * {@code migrate} resumes with the failed batch: every total filled, none twice.
     */
    @Test
    void aFailedBatchOfTheOrderTotalsBackfillIsResumedByTheNextMigrate() throws Exception {
        assertEquals(0, run("migrate", "--target", "12", "--yes").status);
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE total_updates (id INTEGER)");
            statement.execute("CREATE TRIGGER count_total_updates AFTER UPDATE OF total_cents ON order_archive "
                    + "BEGIN INSERT INTO total_updates (id) VALUES (NEW.id); END");
            statement.execute("CREATE TRIGGER refuse_order_100001 BEFORE UPDATE OF total_cents ON order_archive "
                    + "WHEN NEW.id = 100001 BEGIN SELECT RAISE(ABORT, 'archived order 100001 is locked'); END");
        }

        SampleJar.Result failed = run("migrate", "--yes");

        assertEquals(1, failed.status, failed.toString());
        assertTrue(failed.err.contains("archived order 100001 is locked"), failed.toString());
        assertTrue(failed.err.contains("keys 100001..105000"), "the failed batch is named by its keys\n" + failed);
        Map<?, ?> backfill = (Map<?, ?>) ((List<?>) Json.object(run("info", "--json").out).get("migrations")).get(12);
        assertEquals("IN_PROGRESS", backfill.get("state"), backfill.toString());
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            assertEquals("100000", single(connection, "SELECT COUNT(*) FROM order_archive WHERE total_cents IS NOT NULL"),
                    "the 20 batches before the failed one stay committed");
            assertEquals("100000", single(connection, "SELECT last_key FROM cairn_schema_history_batches"));
            statement.execute("DROP TRIGGER refuse_order_100001");
        }

        SampleJar.Result resumed = run("migrate", "--yes");

        assertEquals(0, resumed.status, resumed.toString());
        assertTrue(resumed.out.contains("Applied 1 migration"), resumed.toString());
        try (Connection connection = database()) {
            assertEquals("200000", single(connection, "SELECT COUNT(*) FROM order_archive "
                    + "WHERE total_cents = quantity * unit_price_cents"));
            assertEquals("200000", single(connection, "SELECT COUNT(DISTINCT id) FROM total_updates"));
            assertEquals("200000", single(connection, "SELECT COUNT(*) FROM total_updates"),
                    "no order was updated twice: no committed batch ran again");
        }
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
        assertTrue(result.out.contains("Applied 13 migrations"), result.toString());
    }

    @Test
    void dryRunAndPlanChangeNothing() throws Exception {
        SampleJar.Result dryRun = run("migrate", "--dry-run");
        assertEquals(0, dryRun.status, dryRun.toString());
        assertTrue(dryRun.out.contains("13 migrations to apply"), dryRun.toString());
        assertTrue(dryRun.out.contains("   4  Add stock levels  [irreversible]\n"), dryRun.toString());
        assertTrue(dryRun.out.contains("   7  Index books by author  [not transactional]\n"), dryRun.toString());
        // A SQL migration shows its statements, numbered, with the line each starts on; the ';'
        // inside the quoted labels did not split the INSERT.
        assertTrue(dryRun.out.contains("   8  Create order statuses  [SQL db/migration/V8__create_order_statuses.sql]\n"
                + "        -- statement 1 of 2, line 6\n"
                + "        CREATE TABLE order_statuses (\n"), dryRun.toString());
        assertTrue(dryRun.out.contains("        -- statement 2 of 2, line 12\n"
                + "        INSERT INTO order_statuses (code, label) VALUES\n"
                + "            ('open', 'Open; waiting for payment'),\n"
                + "            ('shipped', 'Shipped; on its way'),\n"
                + "            ('cancelled', 'Cancelled; the customer''s payment failed');\n"), dryRun.toString());
        assertTrue(dryRun.out.contains("        -- statement 2 of 2, line 18\n"
                + "        CREATE INDEX orders_book ON orders (book_id);\n"), dryRun.toString());
        assertTrue(dryRun.out.contains("  11  Seed orders\n        -- Java migration: its SQL is known only when it runs\n"),
                dryRun.toString());
        assertTrue(dryRun.out.endsWith("Dry run: nothing was applied.\n"), dryRun.toString());
        assertTrue(run("info").out.contains("13 migrations: 13 pending."));
    }

    @Test
    void planJsonIsValidJsonListingTheGraphInOrder() throws Exception {
        SampleJar.Result result = run("plan", "--json");
        assertEquals(0, result.status, result.toString());
        Map<String, Object> plan = Json.object(result.out);
        assertEquals(Boolean.FALSE, plan.get("upToDate"));
        assertEquals(Boolean.TRUE, plan.get("valid"));
        List<?> migrations = (List<?>) plan.get("migrations");
        assertEquals(13, migrations.size());
        Map<?, ?> merge = (Map<?, ?>) migrations.get(5);
        assertEquals(6L, merge.get("version"));
        assertEquals(List.of(4L, 5L), merge.get("dependsOn"));
        assertEquals("dev.cairn.sample.db.CreateShopWindow", merge.get("className"));
        assertEquals(null, merge.get("script"));
        assertEquals(null, merge.get("statements"), "a Java migration's SQL is known only when it runs");
        assertEquals(Boolean.FALSE, ((Map<?, ?>) migrations.get(6)).get("transactional"));

        Map<?, ?> statuses = (Map<?, ?>) migrations.get(7);
        assertEquals(8L, statuses.get("version"));
        assertEquals("db/migration/V8__create_order_statuses.sql", statuses.get("script"));
        assertEquals(List.of(), statuses.get("dependsOn"), "an empty '-- depends-on:' header makes a root");
        assertEquals(Boolean.TRUE, statuses.get("reversible"), "U8__create_order_statuses.sql is its undo script");
        List<?> statements = (List<?>) statuses.get("statements");
        assertEquals(2, statements.size());
        Map<?, ?> insert = (Map<?, ?>) statements.get(1);
        assertEquals(12L, insert.get("line"));
        assertTrue(((String) insert.get("sql")).endsWith("('cancelled', 'Cancelled; the customer''s payment failed')"),
                insert.toString());

        Map<?, ?> orders = (Map<?, ?>) migrations.get(8);
        assertEquals(List.of(7L, 8L), orders.get("dependsOn"), "from its '-- depends-on: 7, 8' header");
        Map<?, ?> totals = (Map<?, ?>) migrations.get(9);
        assertEquals(List.of(9L), totals.get("dependsOn"), "no header: the previous script of the folder");
        Map<?, ?> seed = (Map<?, ?>) migrations.get(10);
        assertEquals("dev.cairn.sample.db.SeedOrders", seed.get("className"));
        assertEquals(List.of(9L), seed.get("dependsOn"), "a Java migration after a SQL one");
    }

    @Test
    void infoShowsAnAlignedTableWithTheScriptsAndJson() throws Exception {
        run("migrate", "--target", "9", "--yes");
        SampleJar.Result table = run("info");
        assertEquals(0, table.status, table.toString());
        assertTrue(table.out.contains("  Checksum  Script\n"), table.toString());
        assertTrue(table.out.contains("\n3        Create reviews            applied  "), table.toString());
        assertTrue(table.out.contains("\n9        Create orders             applied  "), table.toString());
        assertTrue(table.out.contains("  ok        db/migration/V9__create_orders.sql\n"), table.toString());
        assertTrue(table.out.contains("\n10       Order totals view         pending      "), table.toString());
        assertTrue(table.out.contains("      db/migration/V10__order_totals_view.sql\n"), table.toString());
        assertTrue(table.out.contains("\n11       Seed orders               pending\n"), table.toString());
        assertTrue(table.out.contains("13 migrations: 9 applied, 4 pending."), table.toString());

        SampleJar.Result json = run("info", "--json");
        assertEquals(0, json.status, json.toString());
        List<?> migrations = (List<?>) Json.object(json.out).get("migrations");
        assertEquals("APPLIED", ((Map<?, ?>) migrations.get(2)).get("state"));
        assertEquals(null, ((Map<?, ?>) migrations.get(2)).get("script"));
        Map<?, ?> orders = (Map<?, ?>) migrations.get(8);
        assertEquals("APPLIED", orders.get("state"));
        assertEquals("db/migration/V9__create_orders.sql", orders.get("script"));
        assertEquals("PENDING", ((Map<?, ?>) migrations.get(9)).get("state"));
        assertEquals("db/migration/V10__order_totals_view.sql", ((Map<?, ?>) migrations.get(9)).get("script"));
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
        // Dependents first: the orders (Java, then the undo scripts), the index, the view, the
        // ratings, then the reviews table. The root 8 is undone too: version 4 does not need it.
        String out = rollback.out;
        String[] order = {"13  Backfill order totals", "12  Import order archive", "11  Seed orders",
            "10  Order totals view", " 9  Create orders", " 8  Create order statuses",
            " 7  Index books by author", " 6  Create shop window view", " 5  Backfill average ratings",
            " 3  Create reviews"};
        int previous = -1;
        for (String migration : order) {
            int at = out.indexOf("  rolled back  " + migration + "  (");
            assertTrue(at > previous, "rolled back in dependency order: " + migration + "\n" + rollback);
            previous = at;
        }
        assertTrue(out.contains("Rolled back 10 migrations"), rollback.toString());

        SampleJar.Result refused = run("rollback", "--to", "2", "--yes");
        assertEquals(1, refused.status, refused.toString());
        assertTrue(refused.err.contains("4"), refused.toString());
        assertFalse(refused.err.contains("\tat "), refused.toString());

        CliScenarios.restartKeepsTheRollbackUntilATargetReappliesIt(this::run);
    }

    @Test
    void rollbackRunsTheUndoScriptsOfSqlMigrations() throws Exception {
        run("migrate", "--yes");
        SampleJar.Result view = run("rollback", "--to", "9", "--yes");
        assertEquals(0, view.status, view.toString());
        assertTrue(view.out.contains("  rolled back  13  Backfill order totals  (")
                && view.out.contains("  rolled back  12  Import order archive  (")
                && view.out.contains("  rolled back  11  Seed orders  (")
                && view.out.contains("  rolled back  10  Order totals view  ("), view.toString());
        assertTrue(view.out.contains("Rolled back 4 migrations"), view.toString());
        try (Connection connection = database()) {
            assertEquals("0", single(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'order_totals'"),
                    "U10__order_totals_view.sql dropped the view");
            assertEquals("0", single(connection, "SELECT COUNT(*) FROM orders"), "SeedOrders.down deleted the orders");
        }

        SampleJar.Result tables = run("rollback", "--to", "7", "--yes");
        assertEquals(0, tables.status, tables.toString());
        assertTrue(tables.out.contains("  rolled back   9  Create orders  (")
                && tables.out.contains("  rolled back   8  Create order statuses  ("), tables.toString());
        try (Connection connection = database()) {
            assertEquals("0", single(connection,
                    "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('orders', 'order_statuses', 'orders_book')"));
            assertEquals("SQL", single(connection,
                    "SELECT type FROM cairn_schema_history WHERE event = 'ROLLBACK' AND version = 8"));
        }

        SampleJar.Result again = run("migrate", "--target", "11", "--yes");
        assertEquals(0, again.status, again.toString());
        assertTrue(again.out.contains("Applied 3 migrations"), "8, 9 and 11; not the view\n" + again);
        assertEquals(0, run("validate").status);
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
        assertTrue(migrate.out.contains("Applied 12 migrations"), migrate.toString());
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
        // SQL and Java migrations in one graph: SQL 9 after Java 7 and SQL root 8, Java 11 after SQL 9.
        assertTrue(mermaid.out.contains("m8[\"8: Create order statuses (pending)\"]"), mermaid.toString());
        assertTrue(mermaid.out.contains("m7 --> m9\n    m8 --> m9\n    m9 --> m10\n    m9 --> m11\n"),
                mermaid.toString());
        assertTrue(mermaid.out.contains("m11 --> m12\n    m12 --> m13\n"), mermaid.toString());

        SampleJar.Result dot = run("graph", "--format", "dot");
        assertEquals(0, dot.status, dot.toString());
        assertTrue(dot.out.contains("m3 -> m5;"), dot.toString());
        assertTrue(dot.out.contains("m9 -> m11;"), dot.toString());

        SampleJar.Result offline = run("graph", "--offline");
        assertFalse(offline.out.contains("(applied)"), offline.toString());
    }

    @Test
    void newWritesAMigrationThatCompilesAgainstTheJar() throws Exception {
        SampleJar.Result result = run("new", "Add gift wrapping", "--source-dir", "src");
        assertEquals(0, result.status, result.toString());
        Path file = directory.resolve("src/dev/cairn/sample/db/AddGiftWrapping.java");
        String source = Files.readString(file);
        // The graph has two heads, the view (10) and the order totals (13): a new migration merges them.
        assertTrue(source.contains("@Migration(version = 14, dependsOn = {10, 13})"), source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-proc:none", "-d", directory.resolve("classes").toString(),
                "-cp", SampleJar.jar().toString(), file.toString());
        assertEquals(0, status, "generated migration does not compile:\n" + source);

        SampleJar.Result again = run("new", "Add gift wrapping", "--source-dir", "src");
        assertEquals(1, again.status, again.toString());
        assertTrue(again.err.contains("already exists"), again.toString());
    }

    @Test
    void newSqlWritesAScriptThatDependsOnTheHeads() throws Exception {
        // Run from the project's root: the default script folder exists (new refuses to invent it).
        Files.createDirectories(directory.resolve("src/main/resources/db/migration"));
        SampleJar.Result result = run("new", "Add gift wrapping", "--sql");
        assertEquals(0, result.status, result.toString());
        Path script = directory.resolve("src/main/resources/db/migration/V14__add_gift_wrapping.sql");
        assertTrue(result.out.startsWith("Created src/main/resources/db/migration/V14__add_gift_wrapping.sql\n"),
                result.toString());
        assertTrue(Files.readString(script).startsWith("-- depends-on: 10, 13\n"), Files.readString(script));
    }

    @Test
    void helpExitsZeroGloballyAndPerCommand() throws Exception {
        SampleJar.Result global = run("--help");
        assertEquals(0, global.status, global.toString());
        assertTrue(global.out.startsWith("Usage: java -jar cairn-sample.jar [global options] <command>"), global.toString());
        SampleJar.Result rollback = run("rollback", "--help");
        assertEquals(0, rollback.status, rollback.toString());
        assertTrue(rollback.out.startsWith("Usage: java -jar cairn-sample.jar rollback --to V [--yes]"),
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
        assertTrue(first.out.startsWith("Applied 13 migrations at startup.\nTop of the shop window:\n"), first.toString());
        assertTrue(first.out.contains("\nBest sellers:\n  The Hidden Library I "), "from the SQL view\n" + first);
        SampleJar.Result second = run("shop");
        assertTrue(second.out.startsWith("Database up to date.\n"), second.toString());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("cairn-sample.db"));
                Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery("PRAGMA user_version")) {
            version.next();
            assertEquals(13, version.getInt(1), "PRAGMA user_version holds the highest applied version");
        }
    }
}
