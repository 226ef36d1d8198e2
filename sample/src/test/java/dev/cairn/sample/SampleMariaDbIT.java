package dev.cairn.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.MariaDbServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar against a real MariaDB server through {@code --url} and {@code --user}, with
 * the password in {@code CAIRN_PASSWORD} (issue 13). Each test gets its own database and a user
 * that must give its password. The runtime's shared test server serves it; without MariaDB these
 * tests are skipped loudly, or fail when {@code CI=true}.
 */
class SampleMariaDbIT {
    private static final String USER = "shop";
    private static final String PASSWORD = "s3cret-pw";

    @TempDir
    Path directory;

    private String url;
    private SampleJar jar;

    @BeforeEach
    void freshDatabase() {
        MariaDbServer server = MariaDbServer.shared();
        MariaDbServer.Database database = server.createDatabase();
        server.createUser(USER, PASSWORD, database);
        url = database.jdbcUrlWithoutUser(MariaDbServer.Driver.MARIADB);
        jar = new SampleJar(directory, Map.of("CAIRN_PASSWORD", PASSWORD));
    }

    private SampleJar.Result run(String... args) throws Exception {
        String[] withDatabase = new String[args.length + 4];
        System.arraycopy(args, 0, withDatabase, 0, args.length);
        withDatabase[args.length] = "--url";
        withDatabase[args.length + 1] = url;
        withDatabase[args.length + 2] = "--user";
        withDatabase[args.length + 3] = USER;
        return jar.run(withDatabase);
    }

    @Test
    void migrateAppliesAllThirteenThenIsANoOpAndTheDataIsThere() throws Exception {
        SampleJar.Result first = run("migrate", "--yes");
        assertEquals(0, first.status, first.toString());
        assertTrue(first.out.contains("Applied 13 migrations"), first.toString());
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD)) {
            // The same scripts as on SQLite and PostgreSQL, recorded as SQL; the quoted ';' kept as data.
            assertEquals(Map.of(7L, "JAVA_NON_TRANSACTIONAL", 8L, "SQL", 9L, "SQL", 10L, "SQL", 11L, "JAVA",
                    13L, "JAVA"), SampleCliIT.historyTypes(connection, 7, 8, 9, 10, 11, 13));
            assertEquals("Cancelled; the customer's payment failed",
                    SampleCliIT.single(connection, "SELECT label FROM order_statuses WHERE code = 'cancelled'"));
            assertEquals("1", SampleCliIT.single(connection, "SELECT COUNT(DISTINCT index_name) FROM "
                    + "information_schema.statistics WHERE table_schema = DATABASE() AND index_name = 'books_author'"),
                    "IndexBooksByAuthor built its index");
            assertEquals("540", SampleCliIT.single(connection, "SELECT SUM(orders) FROM order_totals"));
            assertEquals("200000", SampleCliIT.single(connection, "SELECT COUNT(*) FROM order_archive "
                    + "WHERE total_cents = quantity * unit_price_cents"), "the batched migration 13 filled every total");
            assertEquals("0", SampleCliIT.single(connection, "SELECT COUNT(*) FROM cairn_schema_history "
                    + "WHERE success = FALSE"), "every DDL migration's marker was replaced by its outcome");
        }
        SampleJar.Result second = run("migrate", "--yes");
        assertEquals(0, second.status, second.toString());
        assertTrue(second.out.contains("is up to date: nothing to apply."), second.toString());
    }

    @Test
    void infoJsonValidateAndRollbackOnMariaDb() throws Exception {
        run("migrate", "--target", "5", "--yes");
        SampleJar.Result info = run("info", "--json");
        assertEquals(0, info.status, info.toString());
        List<?> migrations = (List<?>) Json.object(info.out).get("migrations");
        assertEquals(13, migrations.size());
        assertEquals("APPLIED", ((Map<?, ?>) migrations.get(4)).get("state"));
        assertEquals("PENDING", ((Map<?, ?>) migrations.get(5)).get("state"));
        assertEquals(0, run("validate").status);

        assertEquals(0, run("migrate", "--yes").status);
        SampleJar.Result rollback = run("rollback", "--to", "4", "--yes");
        assertEquals(0, rollback.status, rollback.toString());
        assertTrue(rollback.out.contains("Rolled back 10 migrations"), rollback.toString());
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD)) {
            assertEquals("0", SampleCliIT.single(connection, "SELECT COUNT(*) FROM information_schema.tables "
                    + "WHERE table_schema = DATABASE() AND table_name IN ('orders', 'order_statuses', 'order_totals')"),
                    "the undo scripts U10, U9 and U8 dropped the view and the tables");
        }
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
