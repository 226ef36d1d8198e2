package dev.cairn.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.FleetReport;
import dev.cairn.runtime.TenantResult;
import dev.cairn.runtime.testing.ReliabilityLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: a fleet run killed with SIGKILL part-way, then run again. Every tenant ends complete,
 * none half applied (V2's rows exactly once), every migration recorded once, and no lock left
 * behind (the rerun's lock timeout is short, and it must not time out).
 */
class FleetCrashTest {

    private static final int TENANTS = 30;

    @TempDir
    Path root;

    @Test
    void aKilledFleetRunIsCompletedByTheNextRunWithNothingHalfApplied() throws Exception {
        Random random = ReliabilityLevel.random("fleet crash");
        int trials = ReliabilityLevel.trials(3, 30);
        for (int trial = 0; trial < trials; trial++) {
            Path directory = Files.createDirectory(root.resolve("trial-" + trial));
            int killAfter = 1 + random.nextInt(TENANTS / 2);
            ChildJvm child = ChildJvm.start(FleetCrashChildMain.class, directory.toString(), String.valueOf(TENANTS));
            assertTrue(child.awaitLine("FINISHED " + killAfter, 120), "the child never finished tenant "
                    + killAfter + ":\n" + child.output());
            child.kill();
            assertTrue(child.killedBySigkill(), "the child was not killed but ended with " + child.exitValue());

            FleetReport rerun = FleetCrashChildMain.fleet(directory, TENANTS, (tenant, finished, total) -> { })
                    .migrate();

            assertTrue(rerun.succeeded(), "trial " + trial + " (killed after " + killAfter + "): " + rerun + " "
                    + rerun.failed());
            assertTrue(rerun.upToDate().size() >= killAfter, "the tenants finished before the kill stay complete: "
                    + rerun);
            assertTrue(!rerun.migrated().isEmpty(), "the kill landed before the end, so the rerun had work: " + rerun);
            for (TenantResult tenant : rerun.tenants()) {
                try (Connection connection = DriverManager.getConnection(
                        "jdbc:sqlite:" + directory.resolve(tenant.tenant() + ".db"));
                        Statement statement = connection.createStatement()) {
                    assertEquals(FleetCrashChildMain.ROWS, count(statement, "SELECT count(*) FROM items"),
                            tenant.tenant() + ": V2's rows exactly once");
                    assertEquals(3, count(statement, "SELECT count(DISTINCT version) FROM cairn_schema_history "
                            + "WHERE event = 'APPLY' AND success"), tenant.tenant());
                    assertEquals(3, count(statement, "SELECT count(*) FROM cairn_schema_history "
                            + "WHERE event = 'APPLY' AND success"), tenant.tenant() + ": each migration recorded once");
                }
            }
        }
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
