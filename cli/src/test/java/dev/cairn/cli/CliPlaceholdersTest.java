package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placeholder values from the environment, as Flyway's CLI takes them (issue 20). */
class CliPlaceholdersTest {
    @TempDir
    Path directory;

    private final TestRegistry registry = new TestRegistry()
            .script(1, "Orders", "sqlmigrations/placeholders/V1__orders.sql", null);

    @Test
    void valuesComeFromCairnPlaceholderVariables() {
        String url = "jdbc:sqlite:" + directory.resolve("shop.db");
        Map<String, String> environment = Map.of("CAIRN_PLACEHOLDER_TABLE_PREFIX", "shop_",
                "CAIRN_PLACEHOLDER_APP", "bookshop");

        CliRun plan = CliRun.run(registry, url, environment, null, "plan");
        assertEquals(Cli.EXIT_SUCCESS, plan.status, plan.toString());

        CliRun dryRun = CliRun.run(registry, url, environment, null, "migrate", "--dry-run");
        assertTrue(dryRun.out.contains("INSERT INTO shop_orders (id, note, made_in) VALUES (1, 'bookshop', "
                + "'${flyway:defaultSchema}')"), dryRun.out);

        CliRun migrate = CliRun.run(registry, url, environment, null, "migrate");
        assertEquals(Cli.EXIT_SUCCESS, migrate.status, migrate.toString());
    }

    @Test
    void aMissingValueNamesTheVariableToSet() {
        String url = "jdbc:sqlite:" + directory.resolve("shop.db");

        CliRun migrate = CliRun.run(registry, url, Map.of("CAIRN_PLACEHOLDER_TABLE_PREFIX", "shop_"), null, "migrate");

        assertEquals(Cli.EXIT_FAILURE, migrate.status, migrate.toString());
        assertTrue(migrate.err.contains("the placeholder ${app} has no value"), migrate.err);
        assertTrue(migrate.err.contains("CAIRN_PLACEHOLDER_APP=<value> in the environment"), migrate.err);
    }
}
