package dev.cairn.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar against a real PostgreSQL server through {@code --url} and {@code --user},
 * with the password in {@code CAIRN_PASSWORD}. Each test gets its own database, owned by a role
 * that must authenticate with its password. The runtime's shared test cluster serves it; without
 * PostgreSQL these tests are skipped loudly, or fail when {@code CI=true}.
 */
class SamplePostgresIT {
    private static final String USER = "cairn";
    private static final String PASSWORD = "s3cret-pw";
    private static PostgresServer server;

    @TempDir
    Path directory;

    private String url;
    private SampleJar jar;

    @BeforeAll
    static void roleWithAPassword() {
        // Stopped by the fixture's shutdown hook when this test JVM exits.
        server = PostgresServer.shared();
        server.createRole(USER, PASSWORD);
    }

    @BeforeEach
    void freshDatabase() {
        url = server.createDatabase(USER).jdbcUrlWithoutUser();
        jar = new SampleJar(directory, Map.of("CAIRN_PASSWORD", PASSWORD));
    }

    private SampleJar.Result run(String... args) throws Exception {
        String[] withDatabase = new String[args.length + 4];
        System.arraycopy(args, 0, withDatabase, 0, args.length);
        withDatabase[args.length] = "--url";
        withDatabase[args.length + 1] = url;
        withDatabase[args.length + 2] = "--user";
        withDatabase[args.length + 3] = USER;
        SampleJar.Result result = jar.run(withDatabase);
        assertFalse(result.out.contains(PASSWORD) || result.err.contains(PASSWORD),
                "the password must never be printed\n" + result);
        return result;
    }

    @Test
    void migrateAppliesAllThirteenIncludingTheConcurrentIndexTheSqlScriptsAndTheBatchesThenIsANoOp()
            throws Exception {
        SampleJar.Result first = run("migrate", "--yes");
        assertEquals(0, first.status, first.toString());
        assertTrue(first.out.contains("Applied 13 migrations"), first.toString());
        assertTrue(first.out.contains("  applied  13  Backfill order totals  ("), first.toString());
        assertTrue(first.out.contains("  applied   7  Index books by author  ("), first.toString());
        assertTrue(first.out.contains("  applied  10  Order totals view  ("), first.toString());
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD)) {
            assertTrue(SampleCliIT.single(connection, "SELECT indexdef FROM pg_indexes WHERE indexname = 'books_author'")
                    != null, "the non-transactional migration built the index");
            // The same scripts as on SQLite: recorded as SQL, the quoted ';' kept as data, the
            // index of V9 built, and the view of V10 over the orders Java migration 11 seeded.
            assertEquals(Map.of(7L, "JAVA_NON_TRANSACTIONAL", 8L, "SQL", 9L, "SQL", 10L, "SQL", 11L, "JAVA"),
                    SampleCliIT.historyTypes(connection, 7, 8, 9, 10, 11));
            assertEquals("Cancelled; the customer's payment failed",
                    SampleCliIT.single(connection, "SELECT label FROM order_statuses WHERE code = 'cancelled'"));
            assertTrue(SampleCliIT.single(connection, "SELECT indexdef FROM pg_indexes WHERE indexname = 'orders_book'")
                    != null, "V9__create_orders.sql built its index");
            assertEquals("540", SampleCliIT.single(connection, "SELECT COUNT(*) FROM orders WHERE status <> 'cancelled'"));
            assertEquals("540", SampleCliIT.single(connection, "SELECT SUM(orders) FROM order_totals"));
            assertEquals("200000", SampleCliIT.single(connection, "SELECT COUNT(*) FROM order_archive "
                    + "WHERE total_cents = quantity * unit_price_cents"), "the batched migration 13 filled every total");
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
        assertEquals(13, migrations.size());
        assertEquals("APPLIED", ((Map<?, ?>) migrations.get(4)).get("state"));
        assertEquals("PENDING", ((Map<?, ?>) migrations.get(5)).get("state"));
        assertEquals(USER, ((Map<?, ?>) migrations.get(0)).get("installedBy"));

        assertEquals("db/migration/V9__create_orders.sql", ((Map<?, ?>) migrations.get(8)).get("script"));
        assertTrue(run("info").out.contains("  db/migration/V10__order_totals_view.sql\n"));

        assertEquals(0, run("validate").status);
        assertTrue(run("graph").out.contains("m6[\"6: Create shop window view (pending)\"]"));
    }

    @Test
    void rollbackStaysUntilMigrateToATargetReappliesOnPostgres() throws Exception {
        run("migrate", "--yes");
        SampleJar.Result rollback = run("rollback", "--to", "4", "--yes");
        assertEquals(0, rollback.status, rollback.toString());
        assertTrue(rollback.out.contains("Rolled back 10 migrations"), rollback.toString());
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD)) {
            assertEquals("0", SampleCliIT.single(connection, "SELECT COUNT(*) FROM information_schema.tables "
                    + "WHERE table_name IN ('orders', 'order_statuses', 'order_totals')"),
                    "the undo scripts U10, U9 and U8 dropped the view and the tables");
        }
        SampleJar.Result refused = run("rollback", "--to", "1", "--yes");
        assertEquals(1, refused.status, refused.toString());

        CliScenarios.restartKeepsTheRollbackUntilATargetReappliesIt(this::run);
    }

    @Test
    void wrongPasswordIsOneParagraphWithoutThePassword() throws Exception {
        SampleJar wrong = new SampleJar(directory, Map.of("CAIRN_PASSWORD", "not-the-password"));
        SampleJar.Result result = wrong.run("info", "--url", url, "--user", USER);
        assertEquals(1, result.status, result.toString());
        assertTrue(result.err.startsWith("Error: "), result.toString());
        assertFalse(result.err.contains("not-the-password"), result.toString());
        assertFalse(result.err.contains("\tat "), result.toString());
    }
}
