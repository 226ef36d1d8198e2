package dev.cairn.runtime.testing;

import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.Migrator;
import java.time.Duration;

/**
 * One application instance starting up, for concurrency tests that launch several JVMs at once:
 * {@code java ConcurrentMigrationMain <jdbc url> <migrations> <start at epoch millis>}. Each
 * migration creates its table and counts its execution in {@code executions}; the process waits
 * for the common start time so that all instances race, prints how many migrations it applied,
 * and exits 0, or 1 with the failure on stderr.
 */
public final class ConcurrentMigrationMain {

    private ConcurrentMigrationMain() {
    }

    /** The version in the middle of the chain, declared {@code transactional = false}. */
    public static int nonTransactionalVersion(int count) {
        return count / 2;
    }

    /**
     * Builds the registry the concurrency tests use: a chain 1 <- 2 <- ... <- count, with one
     * non-transactional migration in the middle (it runs in auto-commit, so only the lock keeps
     * a second instance from running it too).
     */
    public static TestRegistry registry(int count) {
        TestRegistry.Builder builder = TestRegistry.builder();
        builder.migration(1).up(context -> {
            context.execute("CREATE TABLE executions (version BIGINT NOT NULL, pid BIGINT NOT NULL)");
            context.execute("INSERT INTO executions VALUES (?, ?)", 1L, ProcessHandle.current().pid());
        });
        for (int version = 2; version <= count; version++) {
            long current = version;
            builder.migration(version).dependsOn(version - 1).up(context -> {
                context.execute("CREATE TABLE t" + current + " (id INT)");
                context.execute("INSERT INTO executions VALUES (?, ?)", current, ProcessHandle.current().pid());
                Thread.sleep(5); // widen the window in which another instance could interfere
            });
            if (version == nonTransactionalVersion(count)) {
                builder.nonTransactional();
            }
        }
        return builder.build();
    }

    public static void main(String[] arguments) throws Exception {
        String url = arguments[0];
        int count = Integer.parseInt(arguments[1]);
        long startAt = Long.parseLong(arguments[2]);
        Migrator migrator = Migrator.builder(registry(count)).jdbcUrl(url).lockTimeout(Duration.ofMinutes(2)).build();
        long wait = startAt - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        try {
            MigrationReport report = migrator.migrate();
            System.out.println("applied " + report.applied().size());
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
