package dev.cairn.benchmarks;

import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.generated.GeneratedMigrations;
import dev.cairn.testing.MigrationTester;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What cairn-testing's round trip costs (issue 15), beside a plain apply of the same migrations on
 * a temporary SQLite file, and what one schema snapshot costs as the schema grows and as the
 * number of migrations applied before it grows with the schema unchanged.
 *
 * <ul>
 *   <li>workload {@code tables}: migration i creates table t_i (3 columns) and its down() drops it,
 *       as the B2 workload does, so the schema grows with N;
 *   <li>workload {@code rows}: migration i inserts one row into one table, so the schema stays one
 *       table whatever N.
 * </ul>
 *
 * <pre>{@code
 * java -cp ... dev.cairn.benchmarks.RoundTripCost 3    # the table of docs/benchmarks.md, 3 runs per cell
 * }</pre>
 */
public final class RoundTripCost {

    /** Cairn's INFO lines would be most of the output; held in a field because JUL keeps loggers weakly. */
    private static final java.util.logging.Logger CAIRN_LOG = java.util.logging.Logger.getLogger("dev.cairn");

    private RoundTripCost() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        CAIRN_LOG.setLevel(java.util.logging.Level.WARNING);
        System.out.println("| N | plain apply (ms) | round trip (ms) | ratio |");
        System.out.println("|---:|---:|---:|---:|");
        for (int n : new int[] {100, 1_000}) {
            Registry registry = tables(n);
            long apply = median(runs, () -> {
                try (MigrationTester tester = MigrationTester.sqlite(registry)) {
                    tester.migrate();
                }
            });
            long roundTrip = median(runs, () -> {
                try (MigrationTester tester = MigrationTester.sqlite(registry)) {
                    tester.assertEveryMigrationRoundTrips();
                }
            });
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %.1fx |%n", n, apply, roundTrip, (double) roundTrip / apply);
        }
        Registry thousand = tables(1_000);
        long apply = median(runs, () -> {
            try (MigrationTester tester = MigrationTester.sqlite(thousand)) {
                tester.migrate();
            }
        });
        long recent = median(runs, () -> {
            try (MigrationTester tester = MigrationTester.sqlite(thousand)) {
                tester.assertMigrationsRoundTripAfter(900);
            }
        });
        System.out.printf(Locale.ROOT, "| 1000, the last 100 checked | %d | %d | %.1fx |%n", apply, recent,
                (double) recent / apply);
        System.out.println();
        System.out.println("| schema | migrations applied | one snapshot, first (ms) | one snapshot, again (ms) |");
        System.out.println("|---|---:|---:|---:|");
        for (int n : new int[] {100, 1_000}) {
            snapshotRow(n + " tables", tables(n), n, runs);
        }
        for (int n : new int[] {10, 1_000}) {
            snapshotRow("1 table", rows(n), n, runs);
        }
    }

    private static void snapshotRow(String schema, Registry registry, int applied, int runs) {
        long[] first = new long[runs];
        long[] again = new long[runs];
        for (int run = 0; run < runs; run++) {
            try (MigrationTester tester = MigrationTester.sqlite(registry)) {
                tester.migrate();
                long start = System.nanoTime();
                tester.snapshot();
                first[run] = (System.nanoTime() - start) / 1_000_000;
                start = System.nanoTime();
                tester.snapshot();
                again[run] = (System.nanoTime() - start) / 1_000_000;
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d |%n", schema, applied, median(first), median(again));
    }

    private static long median(int runs, Runnable work) {
        work.run(); // warm-up
        long[] times = new long[runs];
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            work.run();
            times[run] = (System.nanoTime() - start) / 1_000_000;
        }
        return median(times);
    }

    private static long median(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Migration i creates t_i, its down() drops it; each depends on the one before. */
    static Registry tables(int n) {
        return registry(n, version -> new JavaMigration() {
            @Override
            public void up(MigrationContext context) throws Exception {
                context.execute("CREATE TABLE t_" + version + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT)");
            }

            @Override
            public void down(MigrationContext context) throws Exception {
                context.execute("DROP TABLE t_" + version);
            }
        }, true);
    }

    /** Migration 1 creates one table; each later one inserts a row into it. */
    static Registry rows(int n) {
        return registry(n, version -> context -> context.execute(version == 1
                ? "CREATE TABLE log (id INTEGER PRIMARY KEY)" : "INSERT INTO log (id) VALUES (" + version + ")"), false);
    }

    private interface Maker {
        JavaMigration make(long version);
    }

    private static Registry registry(int n, Maker maker, boolean reversible) {
        List<MigrationDescriptor> migrations = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            long version = i;
            migrations.add(GeneratedMigrations.javaMigration(version, "Migration " + version,
                    i == 1 ? new long[0] : new long[] {version - 1}, "bench.M" + version, true, reversible,
                    "checksum-" + version, index -> maker.make(index + 1L), i - 1));
        }
        return () -> migrations;
    }
}
