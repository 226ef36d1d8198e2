package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.ConcurrentMigrationMain;
import dev.cairn.runtime.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several application instances, each its own JVM, start at the same moment against one database:
 * every migration is applied exactly once, the others wait and find it applied, and none fails.
 */
class ConcurrentStartupTest {

    private static final int PROCESSES = 4;
    private static final int MIGRATIONS = 30;

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void instancesStartingTogetherApplyEachMigrationExactlyOnceAndNoneFails(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            // JVM start-up takes a while on two cores; give every instance time to reach the start line.
            long startAt = System.currentTimeMillis() + 3000;
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        ConcurrentMigrationMain.class.getName(), database.jdbcUrl(), Integer.toString(MIGRATIONS),
                        Long.toString(startAt)).redirectErrorStream(true).start());
            }
            int totalApplied = 0;
            for (Process process : processes) {
                assertTrue(process.waitFor(3, TimeUnit.MINUTES), "an instance did not finish");
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, process.exitValue(), "an instance failed:\n" + output);
                String last = output.lines().filter(line -> line.startsWith("applied ")).findFirst().orElseThrow();
                totalApplied += Integer.parseInt(last.substring("applied ".length()));
                System.out.println(kind + " instance " + process.pid() + ": " + last
                        + (output.contains("while this one waited for the lock") ? " after waiting for the lock" : ""));
            }

            assertEquals(MIGRATIONS, totalApplied, "the instances together applied each migration once");
            assertEquals(MIGRATIONS, database.count("SELECT count(*) FROM executions"));
            assertEquals(MIGRATIONS, database.count("SELECT count(DISTINCT version) FROM executions"));
            assertEquals(MIGRATIONS, database.count("SELECT count(*) FROM cairn_schema_history"));
            assertEquals(MIGRATIONS, database.count(
                    "SELECT count(DISTINCT version) FROM cairn_schema_history WHERE event = 'APPLY'"));
        }
    }

}
