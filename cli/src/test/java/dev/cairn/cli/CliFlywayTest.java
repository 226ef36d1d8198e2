package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.FlywayHistory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database Flyway migrated, end to end through the CLI on a real SQLite file: migrate, plan and
 * validate refuse it, {@code adopt-flyway} takes it over, migrate applies the rest (issue 20).
 */
class CliFlywayTest {
    @TempDir
    Path directory;

    private String url;
    /** Flyway applied 1 to 3; 4 is the application's first migration after moving to Cairn. */
    private final TestRegistry shop = TestRegistry.branchingShop();

    @BeforeEach
    void flywayMigratedDatabase() throws SQLException {
        url = "jdbc:sqlite:" + directory.resolve("shop.db");
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, stock INTEGER)");
            statement.execute("CREATE TABLE reviews (id INTEGER PRIMARY KEY, book_id INTEGER)");
        }
    }

    private CliRun cli(String... args) {
        return CliRun.withDefault(shop, url, args);
    }

    @Test
    void migratePlanAndValidateRefuseTheDatabaseAndNameAdoptFlyway() throws SQLException {
        FlywayHistory.createSqlite(url).versioned("1", "create books").versioned("2", "create reviews")
                .versioned("3", "add stock");

        for (String command : new String[] {"migrate", "plan", "validate"}) {
            CliRun run = cli(command);
            assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
            assertTrue(run.out.contains("  - [NON_EMPTY_DATABASE] The database (SQLite, " + url + ") is not empty but "
                    + "has no Cairn history in cairn_schema_history: it has 4 objects (table books, table "
                    + "flyway_schema_history, table reviews, index flyway_schema_history_s_idx)"), run.out);
            assertTrue(run.out.contains("record what Flyway applied with 'adopt-flyway'"), run.out);
            assertFalse(run.out.contains("Create shop window"), "nothing listed as pending:\n" + run.out);
        }
        assertTrue(cli("migrate").out.contains("Adopt the database first ('adopt-flyway' or 'baseline --version V'"));
        CliRun json = cli("plan", "--json");
        assertEquals(Cli.EXIT_FAILURE, json.status, json.toString());
        assertTrue(json.out.contains("\"upToDate\":false,\"valid\":false,\"migrations\":[],\"skipped\":[],"
                + "\"problems\":[{\"kind\":\"NON_EMPTY_DATABASE\",\"version\":0,"), json.out);
    }

    @Test
    void adoptFlywayRecordsWhatFlywayAppliedThenMigrateAppliesTheRest() throws SQLException {
        FlywayHistory.createSqlite(url).versioned("1", "create books").versioned("2", "create reviews")
                .versioned("3", "add stock").repeatable("shop views");

        CliRun adopt = cli("adopt-flyway");

        assertEquals(Cli.EXIT_SUCCESS, adopt.status, adopt.toString());
        assertTrue(adopt.out.contains("from Flyway (flyway_schema_history, up to version 3): 3 migrations recorded as "
                + "applied without running:\n  1  Create books\n  2  Create reviews\n  3  Add \"stock\" column  "
                + "[irreversible]\n"), adopt.out);
        assertTrue(adopt.out.contains("Left aside (Flyway's checksums of repeatable migrations cannot be compared "
                + "with Cairn's: 'migrate' applies the application's repeatable migrations once):\n  repeatable "
                + "R__shop_views.sql (rank 4)\n"), adopt.out);
        assertTrue(cli("info").out.contains("4 migrations: 3 baselined, 1 pending."), cli("info").out);

        CliRun migrate = cli("migrate");

        assertEquals(Cli.EXIT_SUCCESS, migrate.status, migrate.toString());
        assertTrue(migrate.out.contains("1 migration to apply, in this order:\n  4  Create shop window"), migrate.out);
        assertTrue(migrate.out.contains("Applied 1 migration in"), migrate.out);
        CliRun again = cli("adopt-flyway");
        assertEquals(Cli.EXIT_SUCCESS, again.status, again.toString());
        assertTrue(again.out.contains("Nothing to adopt in"), again.out);
    }

    @Test
    void adoptFlywayRefusesAVersionWithPartsTheApplicationLacksWithExitOneAndRecordsNothing() throws SQLException {
        FlywayHistory.createSqlite(url).versioned("1", "create books").versioned("1.1", "add isbn");

        CliRun adopt = cli("adopt-flyway");

        assertEquals(Cli.EXIT_FAILURE, adopt.status, adopt.toString());
        assertTrue(adopt.err.startsWith("Error: Cairn cannot adopt the Flyway history in flyway_schema_history: nothing "
                + "was recorded in cairn_schema_history. Problems:"), adopt.err);
        assertTrue(adopt.err.contains("rank 2, version 1.1 (add isbn, V1.1__add_isbn.sql) was applied by Flyway, but the "
                + "application has no migration 1.1 (its latest is 4)"), adopt.err);
        assertTrue(cli("validate").out.contains("[NON_EMPTY_DATABASE]"), "still not adopted");
    }
}
