package dev.cairn.benchmarks;

import dev.cairn.runtime.Fleet;
import dev.cairn.runtime.FleetReport;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.generated.GeneratedMigrations;
import dev.cairn.runtime.generated.MigrationFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Issue 16's fleet benchmark: N tenants × M migrations, migrated by {@code Fleet} with T threads,
 * by a hand-written parallel JDBC loop with the same T threads (the floor: the same statements, a
 * minimal history row per migration in the same transaction, no lock, no validation), by
 * {@code Fleet} one tenant at a time, and by the loop one tenant at a time (how much two threads
 * can gain on this machine at all); then the rerun over the complete fleet, and the heap the
 * report holds. Prints a Markdown table.
 *
 * <pre>
 * java -cp ... dev.cairn.benchmarks.FleetBenchmark --sqlite DIR 1000 20 2
 * java -cp ... dev.cairn.benchmarks.FleetBenchmark --postgres 127.0.0.1:5432 200 20 2
 * </pre>
 */
public final class FleetBenchmark {

    private FleetBenchmark() {
    }

    /** M migrations (M-th depends on the one before): each creates a table and inserts a row, as a Java migration (no script loading in the way). */
    static Registry registry(int migrations) {
        List<MigrationDescriptor> descriptors = new ArrayList<>();
        MigrationFactory factory = index -> new JavaMigration() {
            @Override
            public void up(dev.cairn.runtime.MigrationContext context) throws Exception {
                for (String sql : statements(index + 1)) {
                    context.execute(sql);
                }
            }
        };
        for (int i = 1; i <= migrations; i++) {
            descriptors.add(GeneratedMigrations.javaMigration(i, "create table " + i,
                    i == 1 ? new long[0] : new long[] {i - 1}, "bench.V" + i, true, false, "bench-" + i, factory,
                    i - 1));
        }
        List<MigrationDescriptor> fixed = List.copyOf(descriptors);
        return new Registry() {
            @Override
            public List<MigrationDescriptor> migrations() {
                return fixed;
            }

            @Override
            public Optional<String> fingerprint() {
                return Optional.of("sha256:fleet-benchmark-" + migrations);
            }
        };
    }

    static List<String> statements(int version) {
        return List.of("CREATE TABLE t" + version + " (id INTEGER PRIMARY KEY, name VARCHAR(50))",
                "INSERT INTO t" + version + " (id, name) VALUES (1, 'row of " + version + "')");
    }

    public static void main(String[] arguments) throws Exception {
        boolean postgres = arguments[0].equals("--postgres");
        String where = arguments[1];
        int tenants = Integer.parseInt(arguments[2]);
        int migrations = Integer.parseInt(arguments[3]);
        int threads = Integer.parseInt(arguments[4]);
        int runs = arguments.length > 5 ? Integer.parseInt(arguments[5]) : 3;
        Registry registry = registry(migrations);
        System.out.println("| " + (postgres ? "PostgreSQL schemas" : "SQLite files") + " | tenants | migrations "
                + "| threads | wall time (median of " + runs + ") | per tenant |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        long[] cairn = new long[runs];
        long[] raw = new long[runs];
        long[] serial = new long[runs];
        long[] rawSerial = new long[runs];
        long[] rerun = new long[runs];
        long[] release = new long[runs];
        Registry previous = registry(migrations - 1);
        long heap = 0;
        for (int run = 0; run < runs; run++) {
            Target target = postgres ? new PostgresTarget(where, tenants, "bench_fleet") : new SqliteTarget(Path.of(where), tenants);
            target.reset();
            long start = System.nanoTime();
            FleetReport report = target.fleet(registry, threads).migrate();
            cairn[run] = System.nanoTime() - start;
            check(report, tenants, migrations);
            start = System.nanoTime();
            FleetReport again = target.fleet(registry, threads).migrate();
            rerun[run] = System.nanoTime() - start;
            if (again.upToDate().size() != tenants) {
                throw new IllegalStateException("rerun was not a no-op: " + again);
            }
            heap = Math.max(heap, retained(report));

            // A release: every tenant has M-1 migrations, the new build brings the M-th.
            target.reset();
            check(target.fleet(previous, threads).migrate(), tenants, migrations - 1);
            start = System.nanoTime();
            FleetReport released = target.fleet(registry, threads).migrate();
            release[run] = System.nanoTime() - start;
            check(released, tenants, 1);

            target.reset();
            start = System.nanoTime();
            target.rawLoop(threads, migrations);
            raw[run] = System.nanoTime() - start;

            target.reset();
            start = System.nanoTime();
            check(target.fleet(registry, 1).migrate(), tenants, migrations);
            serial[run] = System.nanoTime() - start;

            // What the machine allows: the same loop on one thread (the 1.6x target's yardstick).
            target.reset();
            start = System.nanoTime();
            target.rawLoop(1, migrations);
            rawSerial[run] = System.nanoTime() - start;
        }
        row("Cairn Fleet", tenants, migrations, threads, cairn);
        row("hand-written parallel JDBC loop", tenants, migrations, threads, raw);
        row("Cairn Fleet, one tenant at a time", tenants, migrations, 1, serial);
        row("hand-written JDBC loop, one tenant at a time", tenants, migrations, 1, rawSerial);
        row("Cairn Fleet rerun, all up to date", tenants, migrations, threads, rerun);
        row("Cairn Fleet, a release adding the last migration", tenants, 1, threads, release);
        System.out.println();
        System.out.printf(Locale.ROOT, "Fleet / raw loop: %.2fx; one at a time / Fleet: %.2fx; the loop's own one at a "
                + "time / parallel: %.2fx; heap in use after GC, report held: %d KiB%n", median(cairn) / median(raw),
                median(serial) / median(cairn), median(rawSerial) / median(raw), heap / 1024);
    }

    private static void check(FleetReport report, int tenants, int migrations) {
        if (!report.succeeded() || report.appliedCount() != tenants * migrations) {
            throw new IllegalStateException("the fleet did not migrate everything: " + report + " " + report.failed());
        }
    }

    /** Heap in use after a full collection while the report is still reachable: the fleet's footprint. */
    private static long retained(FleetReport report) {
        long with = usedAfterGc();
        java.lang.ref.Reference.reachabilityFence(report);
        return with;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void row(String what, int tenants, int migrations, int threads, long[] nanos) {
        double median = median(nanos);
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.2f s | %.2f ms |%n", what, tenants, migrations, threads,
                median / 1e9, median / 1e6 / tenants);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    /** Where the fleet lives, emptied before each contender. */
    private interface Target {
        void reset() throws Exception;

        Fleet fleet(Registry registry, int threads);

        void rawLoop(int threads, int migrations) throws Exception;
    }

    /** The floor: per tenant, per migration, its statements and a history row in one transaction. */
    static void migrateRaw(Connection connection, int migrations) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS raw_history (version INTEGER PRIMARY KEY, "
                    + "description VARCHAR(200), installed_on VARCHAR(40), execution_ms INTEGER)");
        }
        connection.setAutoCommit(false);
        for (int version = 1; version <= migrations; version++) {
            long start = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements(version)) {
                    statement.execute(sql);
                }
            }
            try (PreparedStatement history = connection.prepareStatement(
                    "INSERT INTO raw_history (version, description, installed_on, execution_ms) VALUES (?, ?, ?, ?)")) {
                history.setInt(1, version);
                history.setString(2, "create table " + version);
                history.setString(3, java.time.Instant.now().toString());
                history.setLong(4, (System.nanoTime() - start) / 1_000_000);
                history.executeUpdate();
            }
            connection.commit();
        }
        connection.setAutoCommit(true);
    }

    /** Runs {@code work(i)} for i in 0..count-1 on {@code threads} threads, each taking the next index. */
    static void parallel(int threads, int count, IndexedWork work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        Exception[] failure = {null};
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    work.run(next, count);
                } catch (Exception e) {
                    failure[0] = e;
                }
            });
            workers.add(thread);
            thread.start();
        }
        for (Thread thread : workers) {
            thread.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    interface IndexedWork {
        void run(AtomicInteger next, int count) throws Exception;
    }

    private static final class SqliteTarget implements Target {
        private final Path directory;
        private final int tenants;

        SqliteTarget(Path directory, int tenants) {
            this.directory = directory;
            this.tenants = tenants;
        }

        private String url(int i) {
            return "jdbc:sqlite:" + directory.resolve("tenant-" + i + ".db");
        }

        @Override
        public void reset() throws Exception {
            if (Files.exists(directory)) {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(directory);
        }

        @Override
        public Fleet fleet(Registry registry, int threads) {
            Fleet.Builder builder = Fleet.builder(registry).parallelism(threads);
            for (int i = 0; i < tenants; i++) {
                builder.tenant("tenant-" + i, url(i));
            }
            return builder.build();
        }

        @Override
        public void rawLoop(int threads, int migrations) throws Exception {
            parallel(threads, tenants, (next, count) -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    try (Connection connection = DriverManager.getConnection(url(i))) {
                        migrateRaw(connection, migrations);
                    }
                }
            });
        }
    }

    private static final class PostgresTarget implements Target {
        private final String server;
        private final int tenants;
        private final String database;

        PostgresTarget(String server, int tenants, String database) {
            this.server = server;
            this.tenants = tenants;
            this.database = database;
        }

        private String url() {
            return "jdbc:postgresql://" + server + "/" + database + "?user=postgres";
        }

        @Override
        public void reset() throws Exception {
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + server
                    + "/postgres?user=postgres"); Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                statement.execute("CREATE DATABASE " + database);
            }
            try (Connection connection = DriverManager.getConnection(url());
                    Statement statement = connection.createStatement()) {
                for (int i = 0; i < tenants; i++) {
                    statement.execute("CREATE SCHEMA tenant_" + i);
                }
            }
        }

        @Override
        public Fleet fleet(Registry registry, int threads) {
            return Fleet.builder(registry).parallelism(threads)
                    .schemasMatching(new dev.cairn.runtime.DriverManagerDataSource(url(), null, null),
                            java.util.regex.Pattern.compile("tenant_\\d+"))
                    .build();
        }

        /** One connection per thread, reused across schemas, as a careful hand-written loop would. */
        @Override
        public void rawLoop(int threads, int migrations) throws Exception {
            parallel(threads, tenants, (next, count) -> {
                try (Connection connection = DriverManager.getConnection(url())) {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("SET search_path TO tenant_" + i);
                        }
                        migrateRaw(connection, migrations);
                    }
                }
            });
        }
    }
}
