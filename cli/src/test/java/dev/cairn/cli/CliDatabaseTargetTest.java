package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI says about the database it was pointed at before the engine runs: SQLite URLs that
 * name no lasting file, a missing JDBC driver, a missing directory, and a database file that does
 * not exist yet (issue 12, a new user's trial).
 */
class CliDatabaseTargetTest {
    @TempDir
    Path directory;

    private final TestRegistry shop = TestRegistry.branchingShop();

    @Test
    void sqliteUrlWithoutAFileIsBadUsageThatSaysWhy() {
        CliRun run = CliRun.run(shop, "migrate", "--url", "jdbc:sqlite:");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains("names no file"), run.err);
        assertTrue(run.err.contains("--db FILE"), run.err);
        assertFalse(run.out.contains("Applied"), run.out);
    }

    @Test
    void inMemorySqliteUrlIsBadUsageWithTheSameExplanation() {
        for (String url : new String[] {"jdbc:sqlite::memory:", "jdbc:sqlite:file:shop?mode=memory&cache=shared"}) {
            CliRun run = CliRun.run(shop, "migrate", "--url", url);
            assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
            assertTrue(run.err.contains("in memory"), run.err);
            assertTrue(run.err.contains("--db FILE"), run.err);
        }
    }

    @Test
    void missingMariaDbOrMySqlDriverNamesTheArtifactToAdd() {
        assumeFalse(driverPresent("org.mariadb.jdbc.Driver"), "the MariaDB driver is on this test's class path");
        assumeFalse(driverPresent("com.mysql.cj.jdbc.Driver"), "the MySQL driver is on this test's class path");
        CliRun mariaDb = CliRun.run(shop, "info", "--url", "jdbc:mariadb://localhost:3306/shop");
        assertEquals(Cli.EXIT_FAILURE, mariaDb.status, mariaDb.toString());
        assertTrue(mariaDb.err.contains("org.mariadb.jdbc:mariadb-java-client"), mariaDb.err);
        CliRun mySql = CliRun.run(shop, "info", "--url", "jdbc:mysql://localhost:3306/shop");
        assertEquals(Cli.EXIT_FAILURE, mySql.status, mySql.toString());
        assertTrue(mySql.err.contains("com.mysql:mysql-connector-j"), mySql.err);
    }

    @Test
    void urlNoDriverAcceptsSaysSo() {
        CliRun run = CliRun.run(shop, "info", "--url", "jdbc:nosuchdb://host/db");
        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.err.contains("No JDBC driver on the class path accepts jdbc:nosuchdb://host/db"), run.err);
        assertFalse(run.err.contains("reachable"), run.err);
    }

    @Test
    void driverFailureMessageOfTheDriverManagerIsTranslatedToo() {
        String message = ErrorMessages.describe(
                new java.sql.SQLException("No suitable driver found for jdbc:postgresql://db/shop", "08001"));
        assertTrue(message.contains("org.postgresql:postgresql"), message);
        assertFalse(message.contains("reachable"), message);
    }

    @Test
    void missingDirectoryOfAnSqliteFileIsNamed() {
        Path missing = directory.resolve("no/such/dir");
        CliRun run = CliRun.run(shop, "migrate", "--url", "jdbc:sqlite:" + missing.resolve("shop.db") + "?foreign_keys=on");
        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.err.contains("The directory " + missing + " does not exist"), run.err);
        assertFalse(run.err.contains("CAIRN_PASSWORD"), run.err);
    }

    @Test
    void infoOfAMissingSqliteFileListsEveryMigrationPendingWithoutCreatingIt() {
        Path file = directory.resolve("shop.db");
        CliRun run = CliRun.run(shop, "info", "--db", file.toString());
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.contains("No database at " + file + " yet"), run.out);
        assertTrue(run.out.contains("4 migrations: 4 pending."), run.out);
        assertFalse(Files.exists(file), "info created " + file);
    }

    @Test
    void planOfAMissingSqliteFileShowsEveryMigrationWithoutCreatingIt() {
        Path file = directory.resolve("shop.db");
        CliRun run = CliRun.run(shop, "plan", "--db", file.toString());
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.contains("4 migrations to apply"), run.out);
        CliRun json = CliRun.run(shop, "plan", "--json", "--db", file.toString());
        assertEquals(Cli.EXIT_SUCCESS, json.status, json.toString());
        assertTrue(json.out.startsWith("{\"database\":\"jdbc:sqlite:" + file + "\",\"upToDate\":false"), json.out);
        assertTrue(json.err.contains("No database at " + file + " yet"), json.err);
        assertEquals(Cli.EXIT_SUCCESS, CliRun.run(shop, "migrate", "--dry-run", "--db", file.toString()).status);
        assertFalse(Files.exists(file), "plan created " + file);
    }

    @Test
    void validateOfAMissingSqliteFileIsValidWithNothingAppliedWithoutCreatingIt() {
        Path file = directory.resolve("shop.db");
        CliRun run = CliRun.run(shop, "validate", "--db", file.toString());
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.contains("No database at " + file + " yet"), run.out);
        assertTrue(run.out.contains("Valid"), run.out);
        CliRun graph = CliRun.run(shop, "graph", "--db", file.toString());
        assertEquals(Cli.EXIT_SUCCESS, graph.status, graph.toString());
        assertTrue(graph.out.contains("(pending)"), graph.out);
        assertFalse(Files.exists(file), "validate or graph created " + file);
        assertFalse(Files.exists(directory.resolve("shop.db.cairn-lock")));
    }

    @Test
    void migrateStillCreatesAMissingSqliteFile() {
        Path file = directory.resolve("shop.db");
        CliRun run = CliRun.run(shop, "migrate", "--db", file.toString());
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(Files.exists(file));
        CliRun info = CliRun.run(shop, "info", "--db", file.toString());
        assertFalse(info.out.contains("No database at"), info.out);
        assertTrue(info.out.contains("4 migrations: 4 applied."), info.out);
    }

    private static boolean driverPresent(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"repair", "baseline --version 1", "rollback --to 1 --yes",
            "adopt-flyway"})
    void commandsThatChangeAnExistingDatabaseRefuseAMissingFileWithoutCreatingIt(String command) {
        Path file = directory.resolve("shop.db");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
        args.addAll(java.util.List.of("--db", file.toString()));

        CliRun run = CliRun.run(shop, args.toArray(new String[0]));

        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.err.contains("No database at " + file + ": '" + args.get(0) + "' works on an existing database"),
                run.err);
        assertFalse(Files.exists(file), command + " created " + file);
        assertFalse(Files.exists(directory.resolve("shop.db.cairn-lock")), command + " left a lock file");
    }
}
