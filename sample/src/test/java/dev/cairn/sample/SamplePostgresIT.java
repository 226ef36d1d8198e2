package dev.cairn.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar against a real PostgreSQL server through {@code --url} and {@code --user},
 * with the password in {@code CAIRN_PASSWORD}. Each test gets its own database.
 */
class SamplePostgresIT {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer server;

    @TempDir
    Path directory;

    private String url;
    private SampleJar jar;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void freshDatabase() throws Exception {
        url = server.createDatabase("shop_" + DATABASES.incrementAndGet());
        jar = new SampleJar(directory, Map.of("CAIRN_PASSWORD", PostgresServer.PASSWORD));
    }

    private SampleJar.Result run(String... args) throws Exception {
        String[] withDatabase = new String[args.length + 4];
        System.arraycopy(args, 0, withDatabase, 0, args.length);
        withDatabase[args.length] = "--url";
        withDatabase[args.length + 1] = url;
        withDatabase[args.length + 2] = "--user";
        withDatabase[args.length + 3] = PostgresServer.USER;
        SampleJar.Result result = jar.run(withDatabase);
        assertFalse(result.out.contains(PostgresServer.PASSWORD) || result.err.contains(PostgresServer.PASSWORD),
                "the password must never be printed\n" + result);
        return result;
    }

    @Test
    void migrateAppliesAllSevenIncludingTheConcurrentIndexThenIsANoOp() throws Exception {
        SampleJar.Result first = run("migrate", "--yes");
        assertEquals(0, first.status, first.toString());
        assertTrue(first.out.contains("Applied 7 migrations"), first.toString());
        assertTrue(first.out.contains("  applied  7  Index books by author  ("), first.toString());
        try (Connection connection = server.connect(url);
                Statement statement = connection.createStatement();
                ResultSet index = statement.executeQuery(
                        "SELECT indexdef FROM pg_indexes WHERE indexname = 'books_author'")) {
            assertTrue(index.next(), "the non-transactional migration built the index");
        }
        SampleJar.Result second = run("migrate", "--yes");
        assertEquals(0, second.status, second.toString());
        assertTrue(second.out.contains("is up to date: nothing to apply."), second.toString());
    }

    @Test
    void infoJsonValidateAndGraphOnPostgres() throws Exception {
        run("migrate", "--target", "5", "--yes");
        SampleJar.Result info = run("info", "--json");
        assertEquals(0, info.status, info.toString());
        List<?> migrations = (List<?>) Json.object(info.out).get("migrations");
        assertEquals(7, migrations.size());
        assertEquals("APPLIED", ((Map<?, ?>) migrations.get(4)).get("state"));
        assertEquals("PENDING", ((Map<?, ?>) migrations.get(5)).get("state"));
        assertEquals(PostgresServer.USER, ((Map<?, ?>) migrations.get(0)).get("installedBy"));

        assertEquals(0, run("validate").status);
        assertTrue(run("graph").out.contains("m6[\"6: Create shop window view (pending)\"]"));
    }

    @Test
    void rollbackStaysUntilMigrateToATargetReappliesOnPostgres() throws Exception {
        run("migrate", "--yes");
        SampleJar.Result rollback = run("rollback", "--to", "4", "--yes");
        assertEquals(0, rollback.status, rollback.toString());
        assertTrue(rollback.out.contains("Rolled back 4 migrations"), rollback.toString());
        SampleJar.Result refused = run("rollback", "--to", "1", "--yes");
        assertEquals(1, refused.status, refused.toString());
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
    void wrongPasswordIsOneParagraphWithoutThePassword() throws Exception {
        SampleJar wrong = new SampleJar(directory, Map.of("CAIRN_PASSWORD", "not-the-password"));
        SampleJar.Result result = wrong.run("info", "--url", url, "--user", PostgresServer.USER);
        assertEquals(1, result.status, result.toString());
        assertTrue(result.err.startsWith("Error: "), result.toString());
        assertFalse(result.err.contains("not-the-password"), result.toString());
        assertFalse(result.err.contains("\tat "), result.toString());
    }
}
