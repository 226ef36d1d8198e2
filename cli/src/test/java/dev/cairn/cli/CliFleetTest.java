package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: {@code migrate} and {@code info} over a fleet, from a tenants file or a schema pattern. */
class CliFleetTest {

    @TempDir
    Path directory;

    private static TestRegistry registry() {
        return new TestRegistry()
                .sql(1, "create accounts", "CREATE TABLE accounts (id INTEGER PRIMARY KEY)", null)
                .sql(2, "add name", "ALTER TABLE accounts ADD COLUMN name VARCHAR(50)", null, 1);
    }

    /** Five SQLite tenants (the third named, the others bare URLs) and one corrupt file. */
    private Path tenantsFile() throws Exception {
        List<String> lines = new ArrayList<>(List.of("# tenants of the shop", ""));
        for (int i = 1; i <= 5; i++) {
            String url = "jdbc:sqlite:" + directory.resolve("t" + i + ".db");
            lines.add(i == 3 ? "third=" + url : url);
        }
        Files.write(directory.resolve("broken.db"), "not a database".repeat(100).getBytes(StandardCharsets.UTF_8));
        lines.add("broken=jdbc:sqlite:" + directory.resolve("broken.db"));
        Path file = directory.resolve("tenants.txt");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void migrateTenantsPrintsALinePerTenantNamesTheFailedOneAndTheRerunRetriesOnlyIt() throws Exception {
        Path tenants = tenantsFile();

        CliRun first = CliRun.run(registry(), "migrate", "--tenants", tenants.toString(), "--parallelism", "2");

        assertEquals(Cli.EXIT_FAILURE, first.status, first::toString);
        assertTrue(first.out.contains("] third  migrated 2 migrations ("), first::toString);
        assertTrue(first.out.contains("/6] broken  FAILED: "), first::toString);
        assertTrue(first.out.contains("Fleet of 6 tenants in "), first::toString);
        assertTrue(first.out.contains("5 migrated (10 migrations), 0 up to date, 1 failed."), first::toString);
        assertTrue(first.out.contains("Failed (each keeps what it applied; run the same command again to retry "
                + "only these):\n  broken: "), first::toString);
        assertFalse(first.out.contains("\r"), "no progress bar without a terminal");

        Files.delete(directory.resolve("broken.db"));
        CliRun second = CliRun.run(registry(), "migrate", "--tenants", tenants.toString());
        assertEquals(Cli.EXIT_SUCCESS, second.status, second::toString);
        assertTrue(second.out.contains("1 migrated (2 migrations), 5 up to date, 0 failed."), second::toString);
        assertTrue(second.out.contains("] broken  migrated 2 migrations"), second::toString);
    }

    @Test
    void migrateTenantsAsJsonAndInfoCountsTenantsPerVersion() throws Exception {
        Path tenants = tenantsFile();
        TestRegistry onlyFirst = new TestRegistry()
                .sql(1, "create accounts", "CREATE TABLE accounts (id INTEGER PRIMARY KEY)", null);
        Files.write(directory.resolve("early.txt"), List.of("jdbc:sqlite:" + directory.resolve("t1.db")));
        assertEquals(Cli.EXIT_SUCCESS, CliRun.run(onlyFirst, "migrate", "--tenants",
                directory.resolve("early.txt").toString()).status);

        CliRun json = CliRun.run(registry(), "migrate", "--tenants", tenants.toString(), "--json");
        assertEquals(Cli.EXIT_FAILURE, json.status, json::toString);
        assertTrue(json.out.startsWith("{\"tenantCount\":6,\"migrated\":5,\"upToDate\":0,\"failed\":1,\"notRun\":0,\"inProgress\":0,"
                + "\"appliedCount\":9,"), json::toString);
        assertTrue(json.out.contains("{\"tenant\":\"third\",\"status\":\"MIGRATED\",\"durationMillis\":"), json::toString);
        assertTrue(json.out.contains("\"applied\":[\"2\"],\"error\":null}"), "t1 had V1 already: " + json);
        assertTrue(json.out.contains("{\"tenant\":\"broken\",\"status\":\"FAILED\""), json::toString);

        CliRun info = CliRun.run(registry(), "info", "--tenants", tenants.toString());
        assertEquals(Cli.EXIT_FAILURE, info.status, info::toString);
        assertTrue(info.out.startsWith("Fleet of 6 tenants:\nVersion       Tenants\n"), info::toString);
        assertTrue(info.out.contains("\n2             5\n(unreadable)  1\n"), info::toString);
        assertTrue(info.out.contains("0 with migrations pending, 1 failed.\nFailed:\n  broken: "), info::toString);

        CliRun infoJson = CliRun.run(registry(), "info", "--tenants", tenants.toString(), "--json");
        assertTrue(infoJson.out.startsWith("{\"tenantCount\":6,\"empty\":0,\"failed\":1,\"versions\":[{\"version\":2,"
                + "\"tenants\":5}],\"tenants\":[{\"tenant\":"), infoJson::toString);
    }

    @Test
    void onATerminalTheProgressIsOneBarRedrawnInPlace() throws Exception {
        Path tenants = tenantsFile();
        CliRun run = CliRun.run(registry(), null, Map.of(), CliRun.answers(), "migrate", "--tenants",
                tenants.toString(), "--fail-fast", "--parallelism", "1");
        assertEquals(Cli.EXIT_FAILURE, run.status, run::toString);
        assertTrue(run.out.contains("\r[#####.........................] 1/6 tenants  "), run::toString);
        assertTrue(run.out.contains("/6 tenants  "), run::toString);
        assertFalse(run.out.contains("] t1  migrated"), "no per-tenant lines on a terminal");
    }

    @Test
    void theBarShowsRateAndTimeLeft() {
        assertEquals("[###############...............] 50/100 tenants  10.0/s  0:05 left  2 failed   ",
                FleetProgress.Bar.line(50, 100, Duration.ofSeconds(5), 2));
        assertEquals("[..............................] 0/100000 tenants  0.0/s  ? left   ",
                FleetProgress.Bar.line(0, 100_000, Duration.ofSeconds(1), 0));
        assertEquals("[..............................] 100/100000 tenants  1.0/s  27:45:00 left   ",
                FleetProgress.Bar.line(100, 100_000, Duration.ofSeconds(100), 0));
    }

    @Test
    void badFleetCommandLinesAreUsageErrors() throws Exception {
        Path bad = directory.resolve("bad.txt");
        Files.write(bad, List.of("acme: jdbc:sqlite:a.db"));
        CliRun badLine = CliRun.run(registry(), "migrate", "--tenants", bad.toString());
        assertEquals(Cli.EXIT_USAGE, badLine.status, badLine::toString);
        assertTrue(badLine.err.contains("bad.txt line 1: expected a JDBC URL or name=URL"), badLine::toString);

        CliRun sqliteSchemas = CliRun.run(registry(), "migrate", "--db", directory.resolve("a.db").toString(),
                "--schemas", "tenant_.*");
        assertEquals(Cli.EXIT_USAGE, sqliteSchemas.status, sqliteSchemas::toString);
        assertTrue(sqliteSchemas.err.contains("--schemas works on a PostgreSQL database"), sqliteSchemas::toString);

        CliRun target = CliRun.run(registry(), "migrate", "--tenants", tenantsFile().toString(), "--target", "1");
        assertEquals(Cli.EXIT_USAGE, target.status, target::toString);

        CliRun parallelism = CliRun.run(registry(), "info", "--tenants", tenantsFile().toString(), "--parallelism", "0");
        assertEquals(Cli.EXIT_USAGE, parallelism.status, parallelism::toString);
    }

    @Test
    void migrateAndInfoOverPostgresSchemasMatchingAPattern() throws Exception {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA tenant_a");
            statement.execute("CREATE SCHEMA tenant_b");
            statement.execute("CREATE SCHEMA reporting");
        }
        CliRun migrate = CliRun.run(registry(), "migrate", "--url", database.jdbcUrl(), "--schemas", "tenant_.*");
        assertEquals(Cli.EXIT_SUCCESS, migrate.status, migrate::toString);
        assertTrue(migrate.out.contains("] tenant_a  migrated 2 migrations"), migrate::toString);
        assertTrue(migrate.out.contains("Fleet of 2 tenants in "), migrate::toString);

        CliRun info = CliRun.run(registry(), "info", "--url", database.jdbcUrl(), "--schemas", "tenant_.*", "--json");
        assertEquals(Cli.EXIT_SUCCESS, info.status, info::toString);
        assertTrue(info.out.contains("\"versions\":[{\"version\":2,\"tenants\":2}]"), info::toString);
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT name FROM tenant_b.accounts").close();
        }
    }
}
