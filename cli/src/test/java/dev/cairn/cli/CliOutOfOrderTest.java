package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A migration added below applied ones, at the command line (issue 20 §4). */
class CliOutOfOrderTest {
    @TempDir
    Path directory;

    @Test
    void migrateRefusesItNamingTheFlagAndTheFlagAppliesIt() {
        String url = "jdbc:sqlite:" + directory.resolve("shop.db");
        TestRegistry first = new TestRegistry()
                .sql(1010, "Create a", "CREATE TABLE a (id INTEGER)", null)
                .sql(1012, "Create c", "CREATE TABLE c (id INTEGER)", null, 1010);
        TestRegistry late = new TestRegistry()
                .sql(1010, "Create a", "CREATE TABLE a (id INTEGER)", null)
                .sql(1011, "Create b", "CREATE TABLE b (id INTEGER)", null, 1010)
                .sql(1012, "Create c", "CREATE TABLE c (id INTEGER)", null, 1011);
        assertEquals(Cli.EXIT_SUCCESS, CliRun.withDefault(first, url, "migrate").status);

        CliRun refused = CliRun.withDefault(late, url, "migrate");
        assertEquals(Cli.EXIT_FAILURE, refused.status, refused.toString());
        assertTrue(refused.out.contains("1011 [OUT_OF_ORDER] Migration 1011 (test.V1011) has never been applied"),
                refused.out);
        assertTrue(refused.out.contains("allow that with 'migrate --out-of-order'"), refused.out);
        assertFalse(refused.out.contains("repair"), refused.out);

        CliRun plan = CliRun.withDefault(late, url, "plan", "--out-of-order");
        assertEquals(Cli.EXIT_SUCCESS, plan.status, plan.toString());
        assertTrue(plan.out.contains("1011"), plan.out);

        CliRun applied = CliRun.withDefault(late, url, "migrate", "--out-of-order");
        assertEquals(Cli.EXIT_SUCCESS, applied.status, applied.toString());
        assertTrue(applied.out.contains("Create b"), applied.out);
        assertEquals(Cli.EXIT_SUCCESS, CliRun.withDefault(late, url, "validate").status);
    }
}
