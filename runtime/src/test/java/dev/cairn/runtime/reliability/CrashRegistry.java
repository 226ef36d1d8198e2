package dev.cairn.runtime.reliability;

import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationListener;
import dev.cairn.runtime.testing.TestRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;

/**
 * The migrations the crash harness kills in the middle of, shared by the child process
 * ({@link CrashChildMain}) and the test that checks what a kill left ({@link CrashTest}). They run
 * on a database that already holds user data (table {@code users}, see {@link UserData}), and each
 * is slow enough, in steps, that a kill lands inside it:
 * <ol>
 *   <li>schema changes: new tables, a column and an index on {@code users};</li>
 *   <li>a long data migration: {@value #ORDERS} rows inserted in batches, then every user updated;</li>
 *   <li>declared {@code transactional = false}: {@value #NON_TRANSACTIONAL_STEPS} auto-committed steps;</li>
 *   <li>a small last migration.</li>
 * </ol>
 * With {@link #markers()} the child prints {@code PHASE <name>} as it enters each phase:
 * {@code lock} (lock held, nothing run yet), {@code schema}, {@code data}, {@code gap} (migration 2
 * committed, 3 not started), {@code nontx}, {@code last}.
 *
 * <pre>{@code
 * Migrator.builder(CrashRegistry.registry()).jdbcUrl(url).listener(CrashRegistry.markers()).build().migrate();
 * }</pre>
 */
final class CrashRegistry {

    static final int ORDERS = 40_000;
    static final int ORDER_BATCH = 2_000;
    static final int NON_TRANSACTIONAL_STEPS = 10;
    static final long NON_TRANSACTIONAL_VERSION = 3;
    static final List<String> SCHEMA_TABLES = List.of("s1_a", "s1_b", "s1_c", "s1_d");
    static final List<Long> VERSIONS = List.of(1L, 2L, 3L, 4L);
    /** The phases, in the order the child enters them. */
    static final List<String> PHASES = List.of("lock", "schema", "data", "gap", "nontx", "last");

    /** Whether this process prints phase markers: the child does, the checking test does not. */
    private static volatile boolean printMarkers;

    private CrashRegistry() {
    }

    static TestRegistry registry() {
        return TestRegistry.builder()
                .migration(1).description("schema changes").up(context -> {
                    phase("schema");
                    for (String table : SCHEMA_TABLES) {
                        context.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, note TEXT)");
                        Thread.sleep(30); // a slow DDL: give kills room inside the open transaction
                    }
                    context.execute("ALTER TABLE users ADD COLUMN email TEXT");
                    Thread.sleep(30);
                    // MariaDB indexes a TEXT column by a prefix only.
                    context.execute(isMariaDb(context) ? "CREATE INDEX users_email ON users (email(100))"
                            : "CREATE INDEX users_email ON users (email)");
                })
                .migration(2).dependsOn(1).description("long data migration").up(context -> {
                    phase("data");
                    context.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, "
                            + "amount INTEGER NOT NULL)");
                    Connection connection = context.connection();
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO orders (id, user_id, amount) VALUES (?, ?, ?)")) {
                        for (int id = 1; id <= ORDERS; id++) {
                            insert.setInt(1, id);
                            insert.setInt(2, 1 + id % UserData.USERS);
                            insert.setInt(3, id % 997);
                            insert.addBatch();
                            if (id % ORDER_BATCH == 0) {
                                insert.executeBatch();
                                Thread.sleep(5);
                            }
                        }
                    }
                    for (int from = 1; from <= UserData.USERS; from += 250) {
                        // In MariaDB || is OR, not concatenation.
                        context.execute(isMariaDb(context)
                                ? "UPDATE users SET email = concat('user', id, '@example.com') WHERE id >= ? AND id < ?"
                                : "UPDATE users SET email = 'user' || id || '@example.com' WHERE id >= ? AND id < ?",
                                from, from + 250);
                        Thread.sleep(5);
                    }
                })
                .migration(NON_TRANSACTIONAL_VERSION).dependsOn(2).description("non-transactional steps")
                .nonTransactional().up(context -> {
                    phase("nontx");
                    context.execute("CREATE TABLE nt_items (step INTEGER PRIMARY KEY)");
                    for (int step = 1; step <= NON_TRANSACTIONAL_STEPS; step++) {
                        context.execute("INSERT INTO nt_items (step) VALUES (?)", step);
                        Thread.sleep(20);
                    }
                })
                .migration(4).dependsOn(3).description("last").up(context -> {
                    phase("last");
                    context.execute("CREATE TABLE t4 (id INTEGER)");
                    context.execute("INSERT INTO t4 (id) VALUES (4)");
                })
                .build();
    }

    /**
     * Prints the {@code lock} marker before migration 1 (the lock is held, nothing has run) and
     * the {@code gap} marker after migration 2 committed, each followed by a short pause so that
     * kills can land there.
     */
    static MigrationListener markers() {
        return new MigrationListener() {
            @Override
            public void beforeMigration(MigrationDescriptor migration) {
                if (migration.version().asLong() == 1) {
                    phase("lock");
                    pause(150);
                }
            }

            @Override
            public void afterMigration(MigrationDescriptor migration, Duration executionTime) {
                if (migration.version().asLong() == 2) {
                    phase("gap");
                    pause(150);
                }
            }
        };
    }

    private static boolean isMariaDb(dev.cairn.runtime.MigrationContext context) throws java.sql.SQLException {
        String product = context.connection().getMetaData().getDatabaseProductName();
        return "MariaDB".equalsIgnoreCase(product) || "MySQL".equalsIgnoreCase(product);
    }

    /** Makes this process print phase markers (the child does; the checking test does not). */
    static void printMarkers() {
        printMarkers = true;
    }

    private static void phase(String name) {
        if (printMarkers) {
            System.out.println("PHASE " + name);
            System.out.flush();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
