package dev.cairn.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar on an H2 file database through {@code --url} (issue 13): no server needed. */
class SampleH2IT {

    @TempDir
    Path directory;

    private String url;
    private SampleJar jar;

    @BeforeEach
    void freshDatabase() {
        url = "jdbc:h2:file:" + directory.resolve("shop").toAbsolutePath();
        jar = new SampleJar(directory, Map.of());
    }

    private SampleJar.Result run(String... args) throws Exception {
        String[] withDatabase = new String[args.length + 2];
        System.arraycopy(args, 0, withDatabase, 0, args.length);
        withDatabase[args.length] = "--url";
        withDatabase[args.length + 1] = url;
        return jar.run(withDatabase);
    }

    @Test
    void migrateAppliesAllThirteenOnH2ThenIsANoOpAndRollsBack() throws Exception {
        SampleJar.Result first = run("migrate", "--yes");
        assertEquals(0, first.status, first.toString());
        assertTrue(first.out.contains("Applied 13 migrations"), first.toString());
        SampleJar.Result second = run("migrate", "--yes");
        assertTrue(second.out.contains("is up to date: nothing to apply."), second.toString());
        List<?> migrations = (List<?>) Json.object(run("info", "--json").out).get("migrations");
        assertEquals(13, migrations.size());
        assertEquals("APPLIED", ((Map<?, ?>) migrations.get(12)).get("state"));
        try (Connection connection = DriverManager.getConnection(url)) {
            assertEquals("540", SampleCliIT.single(connection, "SELECT SUM(orders) FROM order_totals"));
            assertEquals("200000", SampleCliIT.single(connection, "SELECT COUNT(*) FROM order_archive "
                    + "WHERE total_cents = quantity * unit_price_cents"), "the batched migration 13 filled every total");
            assertEquals("Cancelled; the customer's payment failed",
                    SampleCliIT.single(connection, "SELECT label FROM order_statuses WHERE code = 'cancelled'"));
        }

        SampleJar.Result rollback = run("rollback", "--to", "4", "--yes");
        assertEquals(0, rollback.status, rollback.toString());
        assertTrue(rollback.out.contains("Rolled back 10 migrations"), rollback.toString());
        assertEquals(0, run("validate").status);
    }
}
