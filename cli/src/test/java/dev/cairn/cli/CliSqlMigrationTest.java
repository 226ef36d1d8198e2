package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI with SQL script migrations: dry run with statements, plan JSON, info, graph, rollback, against SQLite. */
class CliSqlMigrationTest {
    private static final String DIR = "sqlmigrations/engine/";
    private static final String PRODUCTS = DIR + "V1__create_products.sql";
    private static final String ORDERS = DIR + "V3__create_orders.sql";

    @TempDir
    Path directory;

    private String url;

    @BeforeEach
    void database() {
        url = "jdbc:sqlite:" + directory.resolve("shop.db");
    }

    /** 1 (SQL) <- 2 (Java) <- 3 (SQL), as in the engine's tests. */
    private static TestRegistry mixed() {
        return new TestRegistry()
                .script(1, "Create products", PRODUCTS, DIR + "U1__create_products.sql")
                .add(2, "Load products", true, false, () -> new JavaMigration() {
                    @Override
                    public void up(MigrationContext context) throws Exception {
                        context.execute("INSERT INTO products (id, name, price_cents) VALUES (1, 'Tea', 350)");
                    }
                }, 1)
                .script(3, "Create orders", ORDERS, DIR + "U3__create_orders.sql", 2);
    }

    private CliRun cli(TestRegistry registry, String... args) {
        return CliRun.withDefault(registry, url, args);
    }

    @Test
    void dryRunPrintsTheStatementsOfEachSqlMigrationNumberedWithTheirScriptLines() {
        CliRun run = cli(mixed(), "migrate", "--dry-run");

        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        // The database file does not exist yet: the dry run shows it as empty without creating it.
        assertTrue(run.out.startsWith("No database at "), run.out);
        assertEquals("Plan for " + url + ": 3 migrations to apply, in this order:\n"
                + "  1  Create products  [SQL sqlmigrations/engine/V1__create_products.sql]\n"
                + "       -- statement 1 of 2, line 2\n"
                + "       CREATE TABLE products (\n"
                + "           id INTEGER PRIMARY KEY,\n"
                + "           name VARCHAR(100) NOT NULL,\n"
                + "           price_cents INTEGER NOT NULL\n"
                + "       );\n"
                + "       -- statement 2 of 2, line 7\n"
                + "       CREATE INDEX products_name ON products (name);\n"
                + "  2  Load products  [irreversible]\n"
                + "       -- Java migration: its SQL is known only when it runs\n"
                + "  3  Create orders  [SQL sqlmigrations/engine/V3__create_orders.sql]\n"
                + "       -- statement 1 of 2, line 2\n"
                + "       CREATE TABLE orders (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL, note VARCHAR(100));\n"
                + "       -- statement 2 of 2, line 3\n"
                + "       INSERT INTO orders (id, product_id, note)\n"
                + "           SELECT id, id, concat('first order; of ', name) FROM products;\n"
                + "Dry run: nothing was applied.\n", run.out.substring(run.out.indexOf("Plan for ")));
        assertEquals(run.out, cli(mixed(), "plan").out);
        assertTrue(cli(mixed(), "info").out.contains("3 migrations: 3 pending."));
    }

    @Test
    void migrateWithoutDryRunListsScriptsButNotStatements() {
        CliRun run = cli(mixed(), "migrate", "--yes");

        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.contains("  1  Create products  [SQL " + PRODUCTS + "]\n  2  Load products"), run.out);
        assertFalse(run.out.contains("CREATE TABLE"), run.out);
        assertTrue(run.out.contains("Applied 3 migrations in "), run.out);
    }

    @Test
    void planJsonIncludesTheStatementsOfSqlMigrationsAndNullForJavaOnes() {
        CliRun run = cli(mixed(), "plan", "--json");

        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.contains("{\"version\":1,\"description\":\"Create products\",\"className\":\"" + PRODUCTS
                + "\",\"script\":\"" + PRODUCTS + "\",\"transactional\":true,\"reversible\":true,"
                + "\"repeatable\":false,\"batched\":false,\"dependsOn\":[],"
                + "\"statements\":[{\"line\":2,\"sql\":\"CREATE TABLE products (\\n    id INTEGER PRIMARY KEY,\\n"), run.out);
        assertTrue(run.out.contains("{\"line\":7,\"sql\":\"CREATE INDEX products_name ON products (name)\"}]}"), run.out);
        assertTrue(run.out.contains("\"className\":\"test.V2\",\"script\":null,"), run.out);
        assertTrue(run.out.contains("\"dependsOn\":[1],\"statements\":null}"), run.out);
        assertEquals(run.out, cli(mixed(), "migrate", "--dry-run", "--json").out);
    }

    @Test
    void dryRunOfAScriptChangedSinceCompilationFailsNamingItAndSayingRebuild() {
        TestRegistry changed = new TestRegistry().script(1, "Create products", PRODUCTS, null)
                .checksum("sha256:compiled-from-an-older-script");

        CliRun run = cli(changed, "migrate", "--dry-run");

        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.err.contains(PRODUCTS + ": migration 1 (Create products) cannot run"), run.err);
        assertTrue(run.err.contains("Rebuild the application"), run.err);
    }

    @Test
    void infoShowsTheScriptOfSqlMigrationsInAColumnAndInJson() {
        cli(mixed(), "migrate");

        CliRun run = cli(mixed(), "info");

        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        String[] lines = run.out.split("\n");
        assertTrue(lines[1].startsWith("Version  Description      State    Installed on") && lines[1].endsWith("Script"),
                run.out);
        assertTrue(lines[3].startsWith("1        Create products  applied") && lines[3].endsWith(PRODUCTS), run.out);
        assertTrue(lines[4].startsWith("2        Load products    applied") && lines[4].endsWith("ok"), run.out);
        CliRun json = cli(mixed(), "info", "--json");
        assertTrue(json.out.contains("\"className\":\"" + ORDERS + "\",\"script\":\"" + ORDERS + "\",\"state\":\"APPLIED\""),
                json.out);
    }

    @Test
    void graphDrawsSqlAndJavaMigrationsAlike() {
        CliRun run = cli(mixed(), "graph", "--offline");

        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.contains("m1[\"1: Create products\"]"), run.out);
        assertTrue(run.out.contains("m1 --> m2"), run.out);
        assertTrue(run.out.contains("m2 --> m3"), run.out);
    }

    @Test
    void rollbackRunsTheUndoScripts() {
        cli(mixed(), "migrate");

        CliRun run = cli(mixed(), "rollback", "--to", "2", "--yes");

        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(cli(mixed(), "info").out.contains("3 migrations: 2 applied, 1 rolled back."));
    }
}
