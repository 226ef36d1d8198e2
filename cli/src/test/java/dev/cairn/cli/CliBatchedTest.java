package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.Batch;
import dev.cairn.runtime.BatchKey;
import dev.cairn.runtime.BatchSettings;
import dev.cairn.runtime.BatchedMigration;
import dev.cairn.runtime.Batches;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.Migrator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate} and {@code info} with a batched migration (issue 17), in-process against real
 * SQLite files: the progress as a bar on a terminal and as a few plain lines otherwise, the
 * {@code --batch-*} options, a batch time limit that leaves the migration in progress, and how
 * {@code info} and {@code --json} show it.
 */
class CliBatchedTest {
    private static final int ROWS = 2_500;

    @TempDir
    Path directory;

    private String url;

    @BeforeEach
    void database() {
        url = "jdbc:sqlite:" + directory.resolve("items.db");
    }

    /** Doubles {@code n} into {@code doubled}, counting each visit in {@code touched}; sleeps in each batch if asked. */
    static final class Doubling implements BatchedMigration {
        /** The batch size the latest nextBatch was asked for. */
        static final java.util.concurrent.atomic.AtomicInteger ASKED = new java.util.concurrent.atomic.AtomicInteger();
        private final BatchSettings settings;
        private final long sleepMillis;
        private final boolean counted;

        Doubling(BatchSettings settings, long sleepMillis, boolean counted) {
            this.settings = settings;
            this.sleepMillis = sleepMillis;
            this.counted = counted;
        }

        @Override
        public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after, int batchSize)
                throws SQLException {
            ASKED.set(batchSize);
            return Batches.nextByLongKey(context, "items", "id", null, after, batchSize);
        }

        @Override
        public void processBatch(MigrationContext context, Batch batch) throws Exception {
            context.execute("UPDATE items SET doubled = n * 2, touched = touched + 1 WHERE id BETWEEN ? AND ?",
                    batch.first().asLong(), batch.last().asLong());
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
        }

        @Override
        public OptionalLong countRows(MigrationContext context) throws SQLException {
            return counted ? Batches.count(context, "SELECT COUNT(*) FROM items") : OptionalLong.empty();
        }

        @Override
        public BatchSettings batchSettings() {
            return settings;
        }

        @Override
        public void verify(MigrationContext context) throws SQLException {
            Batches.requireNone(context, "SELECT COUNT(*) FROM items WHERE doubled IS NULL OR doubled <> n * 2",
                    "items not doubled");
        }
    }

    /** 1 fills {@code rows} items, 2 doubles them in batches, 3 depends on 2, 4 only on 1. */
    private static TestRegistry registry(int rows, BatchSettings settings, long sleepMillis, boolean counted) {
        return new TestRegistry()
                .add(1, "Create items", true, false, () -> context -> {
                    context.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, n INT NOT NULL, doubled INT, "
                            + "touched INT NOT NULL DEFAULT 0)");
                    try (PreparedStatement insert = context.connection().prepareStatement(
                            "INSERT INTO items (id, n) VALUES (?, ?)")) {
                        for (int id = 1; id <= rows; id++) {
                            insert.setLong(1, id);
                            insert.setInt(2, id % 97);
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                })
                .batched(2, "Double items", () -> new Doubling(settings, sleepMillis, counted), 1)
                .sql(3, "Index doubled", "CREATE INDEX items_doubled ON items (doubled)", null, 2)
                .sql(4, "Create notes", "CREATE TABLE notes (id INTEGER)", null, 1);
    }

    private static TestRegistry registry() {
        return registry(ROWS, BatchSettings.of(100), 0, true);
    }

    private static List<String> lines(String out, String prefix) {
        return out.lines().filter(line -> line.startsWith(prefix)).collect(java.util.stream.Collectors.toList());
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private void assertEveryRowDoubledOnce() throws SQLException {
        assertEquals(ROWS, count("SELECT COUNT(*) FROM items WHERE doubled = n * 2"));
        assertEquals(0, count("SELECT COUNT(*) FROM items WHERE touched <> 1"), "no batch ran twice, none skipped");
    }

    @Test
    void withoutATerminalTheBatchProgressIsAFewPlainLinesAndNoBar() throws Exception {
        CliRun run = CliRun.withDefault(registry(), url, "migrate", "--batch-size", "25");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run::toString);
        assertTrue(run.out.contains("  2  Double items  [irreversible]  [batched]\n"), run::toString);
        assertFalse(run.out.contains("\r"), "no bar without a terminal");
        List<String> progress = lines(run.out, "      2: ");
        // --batch-size 25 over 2,500 rows: 100 batches, shown as a handful of lines (the first at once).
        assertEquals("      2: 25 of 2,500 rows (1%), 1 batch", progress.get(0).replaceAll(", [\\d,]+ rows/s.*", ""),
                run::toString);
        assertTrue(progress.size() <= 12, run::toString);
        assertTrue(run.out.contains("  applied  2  Double items  ("), run::toString);
        assertTrue(run.out.contains("Applied 4 migrations in "), run::toString);
        assertEveryRowDoubledOnce();
    }

    @Test
    void plainLinesComeAtMostOncePerSecondAndPerTenthNeverOncePerBatch() throws Exception {
        // 1,000 batches; a fake clock makes each take 10 ms: 10 s in all.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), "applied",
                1, false, () -> clock.addAndGet(10_000_000L));
        Migrator.builder(registry(1_000, BatchSettings.of(1), 0, true)).jdbcUrl(url).listener(printer).build().migrate();
        String out = bytes.toString(StandardCharsets.UTF_8);
        List<String> progress = lines(out, "      2: ");
        // The first batch, then one line a tenth (each a second after the one before).
        assertTrue(progress.size() >= 10 && progress.size() <= 11, out);
        assertTrue(progress.get(0).startsWith("      2: 1 of 1,000 rows (0%), 1 batch"), out);
        assertTrue(progress.get(1).startsWith("      2: 101 of 1,000 rows (10%), 101 batches"), out);
        assertFalse(out.contains("\r"), out);
    }

    @Test
    void withoutACountTheLinesComeEveryTenSeconds() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), "applied",
                1, false, () -> clock.addAndGet(100_000_000L));
        // 250 batches of 10 rows, 100 ms each on the fake clock: 25 s, so the first line and one every 10 s.
        Migrator.builder(registry(ROWS, BatchSettings.of(10), 0, false)).jdbcUrl(url).listener(printer).build().migrate();
        String out = bytes.toString(StandardCharsets.UTF_8);
        List<String> progress = lines(out, "      2: ");
        assertEquals(3, progress.size(), out);
        assertTrue(progress.get(0).startsWith("      2: 10 rows, 1 batch"), out);
        assertTrue(progress.get(1).startsWith("      2: 1,010 rows, 101 batches"), out);
    }

    @Test
    void onATerminalTheBatchProgressIsABarRedrawnInPlace() throws Exception {
        CliRun run = CliRun.run(registry(), url, Map.of(), CliRun.answers(), "migrate", "--yes");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run::toString);
        assertTrue(run.out.contains("\r  2  [....................] 100/2,500 rows  4%"), run::toString);
        // The last state drawn before the migration's line, which starts a line of its own.
        Matcher last = Pattern.compile("\r  2  \\[#{20}\\] 2,500/2,500 rows  100%[^\r\n]*\n"
                + "  applied  2  Double items  \\(").matcher(run.out);
        assertTrue(last.find(), run::toString);
        String[] drawn = run.out.split("\r");
        for (int i = 1; i < drawn.length; i++) {
            assertTrue(drawn[i].split("\n")[0].length() <= ProgressBar.COLUMNS, "fits an 80-column terminal: " + drawn[i]);
        }
        assertTrue(lines(run.out, "      2: ").isEmpty(), "no plain lines on a terminal");
        assertEveryRowDoubledOnce();
    }

    @Test
    void theBarWithoutACountShowsRowsAndBatches() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), "applied",
                1, true, () -> clock.addAndGet(1_000_000L));
        Migrator.builder(registry(ROWS, BatchSettings.of(500), 0, false)).jdbcUrl(url).listener(printer).build().migrate();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\r  2  500 rows  1 batch"), out);
        assertTrue(out.contains("\r  2  2,500 rows  5 batches"), out);
        assertFalse(out.contains(" left"), "no time left without a total: " + out);
    }

    @Test
    void aBarLineLongerThanATerminalIsCutRatherThanWrapped() {
        assertEquals("x".repeat(ProgressBar.COLUMNS), ProgressBar.fit("x".repeat(200)));
        assertEquals("short", ProgressBar.fit("short"));
        assertEquals("[#####...............]", ProgressBar.bar(1, 4, 20));
    }

    @Test
    void aBatchTimeLimitLeavesTheMigrationInProgressSaysWhatWaitsAndExitsThree() throws Exception {
        TestRegistry slow = registry(ROWS, BatchSettings.of(100), 40, true);
        CliRun run = CliRun.withDefault(slow, url, "migrate", "--batch-time-limit", "100ms");
        assertEquals(Cli.EXIT_INCOMPLETE, run.status, run::toString);
        assertTrue(run.out.contains("  applied  4  Create notes  ("), run::toString);
        assertFalse(run.out.contains("  applied  3"), run::toString);
        assertTrue(run.out.contains("Not complete: the batch time limit (100ms) ran out before this batched migration "
                + "finished; its committed batches stay:\n  2  Double items: in progress, "), run::toString);
        assertTrue(Pattern.compile("in progress, [\\d,]+ of 2,500 rows \\(\\d+%\\), \\d+ batch(es)?, last key \\d+\n")
                .matcher(run.out).find(), run::toString);
        assertTrue(run.out.contains("Waiting for it, not applied yet:\n  3  Index doubled\n"
                + "Run migrate again to resume after the last committed batch (exit status 3: not complete).\n"),
                run::toString);
        long done = count("SELECT COUNT(*) FROM items WHERE touched = 1");
        assertTrue(done > 0 && done < ROWS, "some batches committed: " + done);

        CliRun info = CliRun.withDefault(slow, url, "info");
        assertEquals(Cli.EXIT_SUCCESS, info.status, info::toString);
        assertTrue(Pattern.compile("\n2 +Double items +in progress \\(\\d+%\\) ").matcher(info.out).find(), info::toString);
        assertTrue(info.out.contains("4 migrations: 2 applied, 1 in progress, 1 pending."), info::toString);
        assertTrue(info.out.contains("Migration 2 is in progress: " + String.format(java.util.Locale.ROOT, "%,d", done)
                + " of 2,500 rows ("), info::toString);
        assertTrue(info.out.contains(", last key " + done + ". 'migrate' resumes it after its last committed batch; "
                + "what depends on it waits."), info::toString);

        CliRun graph = CliRun.withDefault(slow, url, "graph");
        assertTrue(graph.out.contains("m2[\"2: Double items (in progress)\"]"), graph::toString);
        assertTrue(graph.out.contains("classDef in_progress fill:#cce5ff\n    class m2 in_progress\n"), graph::toString);

        CliRun json = CliRun.withDefault(slow, url, "info", "--json");
        assertTrue(json.out.contains("\"state\":\"IN_PROGRESS\""), json::toString);
        assertTrue(json.out.contains("\"progress\":{\"rowsDone\":" + done + ",\"rowsTotal\":2500,\"batches\":"
                + done / 100 + ",\"lastKey\":\"" + done + "\"}"), json::toString);
        assertTrue(json.out.contains("\"state\":\"PENDING\",\"installedOn\":null"), json::toString);
        assertTrue(json.out.contains("\"progress\":null"), json::toString);

        CliRun resumed = CliRun.withDefault(slow, url, "migrate");
        assertEquals(Cli.EXIT_SUCCESS, resumed.status, resumed::toString);
        assertTrue(resumed.out.contains("  applied  2  Double items  ("), resumed::toString);
        assertTrue(resumed.out.contains("  applied  3  Index doubled  ("), resumed::toString);
        assertEveryRowDoubledOnce();
    }

    @Test
    void migrateJsonReportsTheUnfinishedAndTheWaiting() throws Exception {
        TestRegistry slow = registry(ROWS, BatchSettings.of(100), 40, true);
        CliRun run = CliRun.withDefault(slow, url, "migrate", "--json", "--batch-time-limit", "100ms");
        assertEquals(Cli.EXIT_INCOMPLETE, run.status, run::toString);
        assertEquals(1, run.out.lines().count(), "one JSON object, no progress lines: " + run.out);
        assertTrue(run.out.contains("\"description\":\"Double items\",\"className\":\"test.V2\",\"script\":null,"
                + "\"transactional\":true,\"reversible\":false,\"repeatable\":false,\"batched\":true"), run::toString);
        assertTrue(run.out.contains(",\"complete\":false,\"durationMillis\":"), run::toString);
        assertTrue(Pattern.compile("\"applied\":\\[\\{\"version\":1,\"description\":\"Create items\",\"executionMillis\":\\d+},"
                + "\\{\"version\":4,\"description\":\"Create notes\",\"executionMillis\":\\d+}],"
                + "\"unfinished\":\\[\\{\"version\":2,\"description\":\"Double items\",\"rowsDone\":\\d+,"
                + "\"rowsTotal\":2500,\"batches\":\\d+,\"lastKey\":\"\\d+\"}],"
                + "\"waiting\":\\[\\{\"version\":3,\"description\":\"Index doubled\"}]}\n").matcher(run.out).find(),
                run::toString);

        CliRun finished = CliRun.withDefault(slow, url, "migrate", "--json");
        assertEquals(Cli.EXIT_SUCCESS, finished.status, finished::toString);
        assertTrue(finished.out.contains("\"complete\":true"), finished::toString);
        assertTrue(finished.out.contains("\"unfinished\":[],\"waiting\":[]}"), finished::toString);
        assertEveryRowDoubledOnce();
    }

    @Test
    void migrateJsonOnATerminalNeedsYes() {
        CliRun run = CliRun.run(registry(), url, Map.of(), CliRun.answers(), "migrate", "--json");
        assertEquals(Cli.EXIT_USAGE, run.status, run::toString);
        assertTrue(run.err.contains("migrate --json cannot ask for confirmation on a terminal: add --yes"), run::toString);
        assertFalse(Files.exists(directory.resolve("items.db")), "nothing touched the database");
    }

    @Test
    void aPauseAloneKeepsEachMigrationsOwnBatchSize() {
        TestRegistry ownSize = registry(ROWS, BatchSettings.of(250), 0, true);
        CliRun run = CliRun.withDefault(ownSize, url, "migrate", "--batch-pause", "1ms");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run::toString);
        assertTrue(run.out.contains("      2: 250 of 2,500 rows (10%), 1 batch"), run::toString);

        CliRun sizeAndPause = CliRun.withDefault(registry(ROWS, BatchSettings.of(250), 0, true),
                "jdbc:sqlite:" + directory.resolve("other.db"), "migrate", "--batch-size", "500", "--batch-pause", "0s");
        assertEquals(Cli.EXIT_SUCCESS, sizeAndPause.status, sizeAndPause::toString);
        assertTrue(sizeAndPause.out.contains("      2: 500 of 2,500 rows (20%), 1 batch"), sizeAndPause::toString);
    }

    @Test
    void badBatchOptionsAreUsageErrorsBeforeAnythingConnects() {
        String[][] cases = {
            {"--batch-size", "0", "--batch-size expects the rows of one batch, a whole number of at least 1, not '0'"},
            {"--batch-size", "lots", "--batch-size expects the rows of one batch, a whole number of at least 1, not 'lots'"},
            {"--batch-pause", "200", "--batch-pause expects a duration, a whole number and a unit (ms, s, m or h) such as "
                    + "200ms, 1s or 10m, not '200'"},
            {"--batch-pause", "-1s", "--batch-pause expects a duration"},
            {"--batch-time-limit", "0s", "--batch-time-limit must be longer than 0, not '0s'; leave it out for no limit"},
            {"--batch-time-limit", "PT10M", "--batch-time-limit expects a duration"},
        };
        for (String[] bad : cases) {
            CliRun run = CliRun.withDefault(registry(), url, "migrate", bad[0], bad[1]);
            assertEquals(Cli.EXIT_USAGE, run.status, run::toString);
            assertTrue(run.err.contains(bad[2]), run::toString);
        }
        assertFalse(Files.exists(directory.resolve("items.db")), "nothing touched the database");
    }

    @Test
    void helpListsTheBatchOptions() {
        CliRun help = CliRun.run(registry(), "migrate", "--help");
        assertEquals(Cli.EXIT_SUCCESS, help.status, help::toString);
        for (String option : new String[] {"--batch-size N", "--batch-pause DURATION", "--batch-time-limit DURATION",
                "exits 3 (not complete)"}) {
            assertTrue(help.out.contains(option), option + " missing from\n" + help.out);
        }
    }

    @Test
    void aFleetTakesBatchSizesAndATimeLimitThatLeavesTenantsInProgress() throws Exception {
        Path tenants = directory.resolve("tenants.txt");
        Files.write(tenants, List.of("a=jdbc:sqlite:" + directory.resolve("a.db"),
                "b=jdbc:sqlite:" + directory.resolve("b.db")));
        CliRun limited = CliRun.run(registry(), "migrate", "--tenants", tenants.toString(), "--batch-time-limit", "1ms");
        assertEquals(Cli.EXIT_INCOMPLETE, limited.status, limited::toString);
        assertTrue(limited.out.contains("2 with a batched migration in progress (--batch-time-limit)"), limited::toString);
        assertTrue(limited.out.contains("run the same command again to resume them): a, b"), limited::toString);

        Doubling.ASKED.set(0);
        CliRun sized = CliRun.run(registry(), "migrate", "--tenants", tenants.toString(), "--batch-size", "1000");
        assertEquals(Cli.EXIT_SUCCESS, sized.status, sized::toString);
        assertEquals(1000, Doubling.ASKED.get(), "each tenant's migrator got --batch-size, not the migration's own 100");
    }

    @Test
    void fleetInfoCountsATenantWhoseLastMigrationIsInProgressAsBehind() throws Exception {
        // Only 1 and the batched 2: once 2 is in progress, nothing else is pending on that tenant.
        TestRegistry lastIsBatched = new TestRegistry()
                .sql(1, "Create items", "CREATE TABLE items (id INTEGER PRIMARY KEY, n INT NOT NULL, doubled INT, "
                        + "touched INT NOT NULL DEFAULT 0)", null)
                .sql(2, "Fill items", "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < " + ROWS
                        + ") INSERT INTO items (id, n) SELECT i, i % 97 FROM k", null, 1)
                .batched(3, "Double items", () -> new Doubling(BatchSettings.of(100), 40, true), 2);
        String a = "jdbc:sqlite:" + directory.resolve("a.db");
        CliRun limited = CliRun.withDefault(lastIsBatched, a, "migrate", "--batch-time-limit", "100ms");
        assertEquals(Cli.EXIT_INCOMPLETE, limited.status, limited::toString);
        Path tenants = directory.resolve("tenants.txt");
        Files.write(tenants, List.of("a=" + a));

        CliRun info = CliRun.run(lastIsBatched, "info", "--tenants", tenants.toString());
        assertEquals(Cli.EXIT_SUCCESS, info.status, info::toString);
        assertTrue(info.out.contains("1 with migrations pending, 0 failed."), info::toString);
    }
}
