package dev.cairn.runtime.testing;

import dev.cairn.runtime.Migrator;
import java.time.Duration;

/**
 * An application instance that dies while it holds the migration lock, for the test that a killed
 * holder cannot block the next instance: {@code java LockHolderMain <jdbc url> <transactional>}.
 * It applies migrations 1 and 2, then migration 3 prints {@value #HOLDING} and waits until the
 * test kills the process.
 */
public final class LockHolderMain {

    /** Printed (and flushed) while migration 3 runs, that is while the lock is held. */
    public static final String HOLDING = "holding the migration lock";

    private LockHolderMain() {
    }

    /**
     * Three migrations in a chain; the third is declared {@code transactional} as asked and hangs
     * when {@code hang} is true, else creates table {@code t3}.
     */
    public static TestRegistry registry(boolean transactional, boolean hang) {
        TestRegistry.Builder builder = TestRegistry.builder()
                .migration(1).up("CREATE TABLE t1 (id INT)")
                .migration(2).dependsOn(1).up("CREATE TABLE t2 (id INT)")
                .migration(3).dependsOn(2).up(context -> {
                    if (hang) {
                        context.execute("CREATE TABLE t3_partial (id INT)");
                        System.out.println(HOLDING);
                        System.out.flush();
                        Thread.sleep(Long.MAX_VALUE);
                    }
                    context.execute("CREATE TABLE t3 (id INT)");
                });
        if (!transactional) {
            builder.nonTransactional();
        }
        return builder.build();
    }

    public static void main(String[] arguments) {
        Migrator.builder(registry(Boolean.parseBoolean(arguments[1]), true)).jdbcUrl(arguments[0])
                .lockTimeout(Duration.ofMinutes(2)).build().migrate();
    }
}
