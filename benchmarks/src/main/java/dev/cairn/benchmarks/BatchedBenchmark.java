package dev.cairn.benchmarks;

import dev.cairn.runtime.Batch;
import dev.cairn.runtime.BatchKey;
import dev.cairn.runtime.BatchSettings;
import dev.cairn.runtime.BatchedMigration;
import dev.cairn.runtime.Batches;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.generated.GeneratedMigrations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Issue 17's benchmark: backfilling one column of N rows, Cairn's {@link BatchedMigration}
 * ({@link Batches#nextByLongKey}, then {@code UPDATE ... WHERE id BETWEEN}) against a hand-written
 * keyset-batched JDBC loop that sends the same two statements per batch, one transaction per
 * batch, with the same batch size, data source class, driver and durability settings (SQLite's
 * defaults, {@code synchronous=FULL}; PostgreSQL's, {@code fsync} and {@code synchronous_commit}
 * on). A third contender is that loop plus one {@code UPDATE} of a checkpoint row per batch, in
 * the batch's transaction: what Cairn does on top of the loop to resume after a crash, so its
 * share of the difference is measured, not guessed.
 *
 * <p>Every run is a fresh JVM ({@code --child}) on a fresh copy of a seeded database (a file copy
 * on SQLite, {@code CREATE DATABASE ... TEMPLATE} on PostgreSQL), the contenders interleaved and
 * their order rotated each round; the tables give medians with min and max, and ratios of medians.
 * Each child reports its time from the first line of {@code main} to the end of the backfill, its
 * peak resident set ({@code VmHWM}) and the heap in use after a full collection at the end, so
 * that 100,000 and 1,000,000 rows show whether memory grows with the rows.
 *
 * <pre>
 * java -cp ... dev.cairn.benchmarks.BatchedBenchmark --sqlite DIR 1000000 100000 1000,10000 3
 * java -cp ... dev.cairn.benchmarks.BatchedBenchmark --postgres 127.0.0.1:5432 1000000 100000 1000,10000 3
 * </pre>
 */
public final class BatchedBenchmark {

    static final List<String> CONTENDERS = List.of("cairn", "loop", "loop+checkpoint");
    private static final String UPDATE = "UPDATE items SET doubled = n * 2 WHERE id BETWEEN ? AND ?";

    private BatchedBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        if (arguments[0].equals("--child")) {
            child(arguments[1], arguments[2], Integer.parseInt(arguments[3]));
            return;
        }
        if (arguments[0].equals("--doc")) {
            writeDoc(Path.of(arguments[1]), Arrays.stream(arguments, 2, arguments.length).map(Path::of)
                    .toArray(Path[]::new));
            return;
        }
        boolean postgres = arguments[0].equals("--postgres");
        String where = arguments[1];
        int rows = Integer.parseInt(arguments[2]);
        int memoryRows = Integer.parseInt(arguments[3]);
        int[] batchSizes = Arrays.stream(arguments[4].split(",")).mapToInt(Integer::parseInt).toArray();
        int runs = Integer.parseInt(arguments[5]);
        String loadBefore = loadAverage();
        Target target = postgres ? new PostgresTarget(where) : new SqliteTarget(Path.of(where));
        target.seed(rows);
        target.seed(memoryRows);
        target.seed(0);

        // results.get(rows + "/" + batchSize + "/" + contender): one Result per run
        Map<String, List<Result>> results = new LinkedHashMap<>();
        int round = 0;
        for (int run = 0; run < runs; run++) {
            for (int batchSize : batchSizes) {
                for (int i = 0; i < CONTENDERS.size(); i++) {
                    String contender = CONTENDERS.get((i + round) % CONTENDERS.size());
                    results.computeIfAbsent(rows + "/" + batchSize + "/" + contender, key -> new ArrayList<>())
                            .add(runChild(target, contender, rows, batchSize));
                }
                round++;
            }
            // Memory at a tenth of the rows, at the first batch size: the same code, to show it does not grow;
            // and an empty table: what a run costs whatever the rows (start-up, history, lock, the final unit).
            for (int n : new int[] {memoryRows, 0}) {
                for (int i = 0; i < 2; i++) {
                    String contender = CONTENDERS.get((i + run) % 2);
                    results.computeIfAbsent(n + "/" + batchSizes[0] + "/" + contender, key -> new ArrayList<>())
                            .add(runChild(target, contender, n, batchSizes[0]));
                }
            }
        }
        target.dropSeeds(rows, memoryRows, 0);
        print(target.label(), rows, memoryRows, batchSizes, runs, results);
        System.out.println("Load average (1, 5, 15 min; 2 cores shared with other jobs): " + loadBefore
                + " at the start, " + loadAverage() + " at the end.");
        System.out.println();
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return fields[0] + ", " + fields[1] + ", " + fields[2];
    }

    private static void print(String database, int rows, int memoryRows, int[] batchSizes, int runs,
            Map<String, List<Result>> results) {
        System.out.println("**" + database + ": backfilling " + String.format(Locale.ROOT, "%,d", rows)
                + " rows, seconds from the first line of main to the end of the backfill, median of " + runs
                + " [min - max]**");
        System.out.println();
        System.out.println("| batch size | Cairn BatchedMigration | hand-written loop | loop + checkpoint UPDATE "
                + "| Cairn / loop | (loop + checkpoint) / loop | rows/s, Cairn | CPU s: Cairn, loop, loop + checkpoint "
                + "| CPU Cairn / loop | Cairn / loop, median of the rounds' ratios |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int batchSize : batchSizes) {
            List<Result> cairn = results.get(rows + "/" + batchSize + "/cairn");
            List<Result> loop = results.get(rows + "/" + batchSize + "/loop");
            List<Result> checkpoint = results.get(rows + "/" + batchSize + "/loop+checkpoint");
            double c = median(cairn, Result::seconds);
            double l = median(loop, Result::seconds);
            double k = median(checkpoint, Result::seconds);
            double cpuCairn = median(cairn, Result::cpuSeconds);
            double cpuLoop = median(loop, Result::cpuSeconds);
            System.out.printf(Locale.ROOT, "| %,d | %s | %s | %s | %.2fx | %.2fx | %,d | %.2f, %.2f, %.2f | %.2fx | %.2fx |%n",
                    batchSize, cell(cairn, Result::seconds, "%.2f"), cell(loop, Result::seconds, "%.2f"),
                    cell(checkpoint, Result::seconds, "%.2f"), c / l, k / l, Math.round(rows / c), cpuCairn, cpuLoop,
                    median(checkpoint, Result::cpuSeconds), cpuCairn / cpuLoop, pairedRatio(cairn, loop));
        }
        List<Result> emptyCairn = results.get("0/" + batchSizes[0] + "/cairn");
        List<Result> emptyLoop = results.get("0/" + batchSizes[0] + "/loop");
        System.out.printf(Locale.ROOT, "%nAn empty table (what a run costs whatever the rows): Cairn %s s, the loop %s s.%n",
                cell(emptyCairn, Result::seconds, "%.3f"), cell(emptyLoop, Result::seconds, "%.3f"));
        System.out.println();
        System.out.println("**" + database + ": memory, batch size " + String.format(Locale.ROOT, "%,d", batchSizes[0])
                + ", median of " + runs + " [min - max]**");
        System.out.println();
        System.out.println("| rows | contender | peak resident set, MB | heap in use after GC at the end, KiB |");
        System.out.println("|---:|---|---:|---:|");
        for (int n : new int[] {memoryRows, rows}) {
            for (String contender : List.of("cairn", "loop")) {
                List<Result> measured = results.get(n + "/" + batchSizes[0] + "/" + contender);
                System.out.printf(Locale.ROOT, "| %,d | %s | %s | %s |%n", n,
                        contender.equals("cairn") ? "Cairn" : "hand-written loop",
                        cell(measured, result -> result.peakRssKb / 1024.0, "%.1f"),
                        cell(measured, result -> result.heapAfterGc / 1024.0, "%,.0f"));
            }
        }
        System.out.println();
    }

    static final String START = "<!-- batched:start -->";
    static final String END = "<!-- batched:end -->";

    /**
     * Replaces what stands between {@value #START} and {@value #END} in {@code doc} with the
     * machine's description and the given tables (the files this class printed).
     */
    static void writeDoc(Path doc, Path... tables) throws IOException {
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException(doc + " has no " + START + " ... " + END + " section");
        }
        StringBuilder section = new StringBuilder(START).append("\n<!-- Generated by ONLY=batched benchmarks/run.sh; "
                + "do not edit by hand. -->\n\n");
        section.append("| | |\n|---|---|\n");
        Environment.detect().facts().forEach((name, value) -> section.append("| ").append(name).append(" | ")
                .append(value).append(" |\n"));
        section.append('\n');
        for (Path table : tables) {
            if (Files.exists(table)) {
                section.append(Files.readString(table, StandardCharsets.UTF_8).strip()).append("\n\n");
            }
        }
        Files.writeString(doc, text.substring(0, start) + section + text.substring(end), StandardCharsets.UTF_8);
    }

    /** One child's figures. */
    record Result(long nanos, long peakRssKb, long heapAfterGc, long cpuNanos) {
        double seconds() {
            return nanos / 1e9;
        }

        /** CPU time of the whole process (user and system, every thread, JVM start-up included). */
        double cpuSeconds() {
            return cpuNanos / 1e9;
        }
    }

    private static Result runChild(Target target, String contender, int rows, int batchSize) throws Exception {
        String url = target.fresh(rows);
        Path output = Files.createTempFile("cairn-batched-", ".out");
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), BatchedBenchmark.class.getName(), "--child",
                    contender, url, Integer.toString(batchSize))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(contender + " did not finish in 30 minutes");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(contender + " failed:\n" + text);
            }
            String line = text.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(contender + " printed no result:\n" + text));
            String[] parts = line.split(" ");
            target.check(rows);
            Result result = new Result(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                    Long.parseLong(parts[4]));
            System.err.printf(Locale.ROOT, "batched %s %s rows=%d batch=%d: %.2f s, CPU %.2f s, peak RSS %d KiB%n",
                    target.label(), contender, rows, batchSize, result.seconds(), result.cpuSeconds(), result.peakRssKb);
            return result;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    // ---- the child: one contender, one fresh database ----

    private static void child(String contender, String url, int batchSize) throws Exception {
        long start = System.nanoTime();
        DataSource dataSource = dataSource(url);
        switch (contender) {
            case "cairn":
                MigrationReport report = Migrator.builder(registry()).dataSource(dataSource)
                        .allowNonEmptyDatabase(true).batchSettings(BatchSettings.of(batchSize)).build().migrate();
                if (report.applied().size() != 1) {
                    throw new IllegalStateException("not applied: " + report);
                }
                break;
            case "loop":
                loop(dataSource, batchSize, false, false);
                break;
            case "loop+checkpoint":
                loop(dataSource, batchSize, true, false);
                break;
            case "loop+checkpoint+savepoint":
                // Not in the tables: for profiling, the loop with Cairn's guard savepoint around each batch's work.
                loop(dataSource, batchSize, true, true);
                break;
            default:
                throw new IllegalArgumentException(contender);
        }
        long nanos = System.nanoTime() - start;
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        long cpuNanos = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
        System.out.println("RESULT " + nanos + " " + peakRssKb() + " " + heap + " " + cpuNanos);
    }

    static DataSource dataSource(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            org.sqlite.SQLiteDataSource dataSource = new org.sqlite.SQLiteDataSource();
            dataSource.setUrl(url);
            return dataSource;
        }
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(url);
        return dataSource;
    }

    /** The backfill as an application writes it with Cairn: one batched migration. */
    static Registry registry() {
        List<MigrationDescriptor> migrations = List.of(GeneratedMigrations.batchedJavaMigration("1", "backfill items",
                new String[0], "bench.BackfillItems", false, "bench-backfill", index -> new Backfill(), 0));
        return new Registry() {
            @Override
            public List<MigrationDescriptor> migrations() {
                return migrations;
            }

            @Override
            public Optional<String> fingerprint() {
                return Optional.of("sha256:batched-benchmark");
            }
        };
    }

    static final class Backfill implements BatchedMigration {
        @Override
        public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after, int batchSize)
                throws SQLException {
            return Batches.nextByLongKey(context, "items", "id", null, after, batchSize);
        }

        @Override
        public void processBatch(MigrationContext context, Batch batch) throws SQLException {
            context.execute(UPDATE, batch.first().asLong(), batch.last().asLong());
        }
    }

    /**
     * The hand-written loop: the query {@link Batches#nextByLongKey} sends, then the same UPDATE,
     * one transaction per batch; both statements prepared once and reused, as a careful author
     * would. With {@code checkpoint}, one more UPDATE per batch of a one-row table, in the batch's
     * transaction. With {@code savepoint}, the batch's work between {@code SAVEPOINT} and
     * {@code RELEASE SAVEPOINT}, as Cairn guards it.
     */
    static void loop(DataSource dataSource, int batchSize, boolean checkpoint, boolean savepoint) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (checkpoint) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE loop_checkpoint (id INT PRIMARY KEY, last_key BIGINT, "
                            + "batches BIGINT, rows_done BIGINT)");
                    statement.execute("INSERT INTO loop_checkpoint (id, batches, rows_done) VALUES (1, 0, 0)");
                }
            }
            connection.setAutoCommit(false);
            String select = "SELECT MIN(k), MAX(k), COUNT(*) FROM (SELECT id AS k FROM items%s ORDER BY id LIMIT ?) "
                    + "cairn_batch";
            try (PreparedStatement first = connection.prepareStatement(String.format(select, ""));
                    PreparedStatement next = connection.prepareStatement(String.format(select, " WHERE id > ?"));
                    PreparedStatement update = connection.prepareStatement(UPDATE);
                    PreparedStatement advance = checkpoint ? connection.prepareStatement("UPDATE loop_checkpoint "
                            + "SET last_key = ?, batches = ?, rows_done = ? WHERE id = 1") : null) {
                Long after = null;
                long batches = 0;
                long done = 0;
                while (true) {
                    if (savepoint) {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("SAVEPOINT cairn_guard");
                        }
                    }
                    PreparedStatement query = after == null ? first : next;
                    int parameter = 1;
                    if (after != null) {
                        query.setLong(parameter++, after);
                    }
                    query.setInt(parameter, batchSize);
                    long low;
                    long high;
                    int rows;
                    try (ResultSet result = query.executeQuery()) {
                        result.next();
                        low = result.getLong(1);
                        high = result.getLong(2);
                        rows = result.getInt(3);
                    }
                    if (rows == 0) {
                        connection.commit();
                        break;
                    }
                    update.setLong(1, low);
                    update.setLong(2, high);
                    update.executeUpdate();
                    if (savepoint) {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("RELEASE SAVEPOINT cairn_guard");
                        }
                    }
                    batches++;
                    done += rows;
                    if (advance != null) {
                        advance.setLong(1, high);
                        advance.setLong(2, batches);
                        advance.setLong(3, done);
                        advance.executeUpdate();
                    }
                    connection.commit();
                    after = high;
                }
            }
            connection.setAutoCommit(true);
        }
    }

    private static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> value) {
        double[] sorted = results.stream().mapToDouble(value).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** The median of each round's ratio: rounds ran the contenders back to back, so a slow spell hits both. */
    private static double pairedRatio(List<Result> over, List<Result> under) {
        double[] ratios = new double[Math.min(over.size(), under.size())];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = over.get(i).seconds() / under.get(i).seconds();
        }
        Arrays.sort(ratios);
        return ratios.length % 2 == 1 ? ratios[ratios.length / 2]
                : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
    }

    private static String cell(List<Result> results, java.util.function.ToDoubleFunction<Result> value, String format) {
        double[] sorted = results.stream().mapToDouble(value).sorted().toArray();
        return String.format(Locale.ROOT, format + " [" + format + " - " + format + "]", median(results, value),
                sorted[0], sorted[sorted.length - 1]);
    }

    // ---- where the rows live ----

    /** A seeded database per row count, copied fresh before every run. */
    private interface Target {
        String label();

        /** Creates the seeded database of {@code rows} rows, once. */
        void seed(int rows) throws Exception;

        /** A fresh copy of the seeded database of {@code rows} rows; its URL. */
        String fresh(int rows) throws Exception;

        /** Checks that the last run backfilled every row. */
        void check(int rows) throws Exception;

        void dropSeeds(int... rows) throws Exception;
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static final class SqliteTarget implements Target {
        private final Path directory;

        SqliteTarget(Path directory) {
            this.directory = directory;
        }

        @Override
        public String label() {
            return "SQLite";
        }

        private Path seedFile(int rows) {
            return directory.resolve("seed-" + rows + ".db");
        }

        private Path runFile() {
            return directory.resolve("run.db");
        }

        @Override
        public void seed(int rows) throws Exception {
            Files.createDirectories(directory);
            Files.deleteIfExists(seedFile(rows));
            try (Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + seedFile(rows));
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, n INT NOT NULL, doubled BIGINT)");
                if (rows > 0) {
                    statement.execute("INSERT INTO items (id, n) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
                            + "SELECT x + 1 FROM c WHERE x < " + rows + ") SELECT x, x * 7919 % 10007 FROM c");
                }
            }
        }

        @Override
        public String fresh(int rows) throws Exception {
            for (String suffix : List.of("", "-journal", "-wal", "-shm", ".cairn-lock")) {
                Files.deleteIfExists(Path.of(runFile() + suffix));
            }
            Files.copy(seedFile(rows), runFile(), StandardCopyOption.REPLACE_EXISTING);
            return "jdbc:sqlite:" + runFile();
        }

        @Override
        public void check(int rows) throws Exception {
            try (Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + runFile())) {
                long done = count(connection, "SELECT COUNT(*) FROM items WHERE doubled = n * 2");
                if (done != rows) {
                    throw new IllegalStateException("only " + done + " of " + rows + " rows backfilled");
                }
            }
        }

        @Override
        public void dropSeeds(int... rows) throws Exception {
            for (int n : rows) {
                Files.deleteIfExists(seedFile(n));
            }
            for (String suffix : List.of("", "-journal", "-wal", "-shm", ".cairn-lock")) {
                Files.deleteIfExists(Path.of(runFile() + suffix));
            }
        }
    }

    private static final class PostgresTarget implements Target {
        private final String server;

        PostgresTarget(String server) {
            this.server = server;
        }

        @Override
        public String label() {
            return "PostgreSQL";
        }

        private String url(String database) {
            return "jdbc:postgresql://" + server + "/" + database + "?user=postgres";
        }

        private void admin(String... sql) throws SQLException {
            try (Connection connection = java.sql.DriverManager.getConnection(url("postgres"));
                    Statement statement = connection.createStatement()) {
                for (String each : sql) {
                    statement.execute(each);
                }
            }
        }

        @Override
        public void seed(int rows) throws Exception {
            String seed = "bench_batched_seed_" + rows;
            admin("DROP DATABASE IF EXISTS " + seed + " WITH (FORCE)", "CREATE DATABASE " + seed);
            try (Connection connection = java.sql.DriverManager.getConnection(url(seed));
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, n INT NOT NULL, doubled BIGINT)");
                statement.execute("INSERT INTO items (id, n) SELECT x, x::bigint * 7919 % 10007 FROM generate_series(1, "
                        + rows + ") x");
                statement.execute("VACUUM ANALYZE items");
            }
            admin("CHECKPOINT");
        }

        @Override
        public String fresh(int rows) throws Exception {
            admin("DROP DATABASE IF EXISTS bench_batched_run WITH (FORCE)",
                    "CREATE DATABASE bench_batched_run TEMPLATE bench_batched_seed_" + rows, "CHECKPOINT");
            return url("bench_batched_run");
        }

        @Override
        public void check(int rows) throws Exception {
            try (Connection connection = java.sql.DriverManager.getConnection(url("bench_batched_run"))) {
                long done = count(connection, "SELECT COUNT(*) FROM items WHERE doubled = n * 2");
                if (done != rows) {
                    throw new IllegalStateException("only " + done + " of " + rows + " rows backfilled");
                }
            }
        }

        @Override
        public void dropSeeds(int... rows) throws Exception {
            admin("DROP DATABASE IF EXISTS bench_batched_run WITH (FORCE)");
            for (int n : rows) {
                admin("DROP DATABASE IF EXISTS bench_batched_seed_" + n + " WITH (FORCE)");
            }
        }
    }
}
