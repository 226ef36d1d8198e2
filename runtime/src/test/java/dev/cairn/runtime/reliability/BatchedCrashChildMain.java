package dev.cairn.runtime.reliability;

import dev.cairn.runtime.Batch;
import dev.cairn.runtime.BatchKey;
import dev.cairn.runtime.BatchProgress;
import dev.cairn.runtime.BatchSettings;
import dev.cairn.runtime.BatchedMigration;
import dev.cairn.runtime.Batches;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationListener;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.testing.TestRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * The application {@link BatchedCrashTest} kills in the middle of a backfill:
 * {@code java BatchedCrashChildMain <jdbc url>} migrates {@link #registry()} with default
 * settings over a database {@link #seed seeded} with {@value #ROWS} rows, printing {@code PHASE start}
 * when the batched migration starts (lock held, nothing of it committed), {@code BATCH <n>} after
 * its n-th batch committed, {@code PHASE after} once it is recorded as applied, and {@code DONE} at
 * the end; exit 0, or 1 with the failure on stderr.
 *
 * <p>The registry: migration 1 backfills {@code items.doubled} in batches of {@value #BATCH_SIZE}
 * by key ({@link Batches#nextByLongKey}, {@code UPDATE ... WHERE id BETWEEN}), each batch also
 * adding 1 to every row's {@code touched} counter, so a batch applied twice or skipped shows as a
 * counter of 2 or 0; migration 2 depends on it (one row into {@code backfill_done}), so it must
 * wait until the backfill is applied. Both are DML only: no database, MariaDB included, has a
 * half-applied DDL to repair after a kill, and what a kill leaves is the batches' business alone.
 */
public final class BatchedCrashChildMain {

    static final int ROWS = 20_000;
    static final int BATCH_SIZE = 500;
    static final int BATCHES = ROWS / BATCH_SIZE;
    /** A pause inside each batch's open transaction, after its UPDATE: room for kills to land there. */
    static final long PAUSE_IN_BATCH_MILLIS = 2;
    static final String HISTORY = "cairn_schema_history";
    static final String BATCH_TABLE = HISTORY + "_batches";

    private static volatile boolean printMarkers;

    private BatchedCrashChildMain() {
    }

    public static void main(String[] arguments) {
        printMarkers = true;
        try {
            migrator(Migrator.builder(registry()).jdbcUrl(arguments[0])).listener(markers()).build().migrate();
            System.out.println("DONE");
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Default settings; the seeded tables are no migration's, so the first run is allowed over them. */
    static Migrator.Builder migrator(Migrator.Builder builder) {
        return builder.allowNonEmptyDatabase(true);
    }

    static TestRegistry registry() {
        return TestRegistry.builder()
                .migration(1).description("backfill items").checksum("batched-crash-1").batched(Backfill::new)
                .migration(2).dependsOn(1).description("after the backfill")
                .up("INSERT INTO backfill_done (id) VALUES (1)")
                .build();
    }

    /** The backfill: {@code doubled} from {@code n}, and one more on each row's {@code touched}. */
    static final class Backfill implements BatchedMigration {
        @Override
        public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after, int batchSize)
                throws SQLException {
            return Batches.nextByLongKey(context, "items", "id", null, after, batchSize);
        }

        @Override
        public void processBatch(MigrationContext context, Batch batch) throws Exception {
            context.execute("UPDATE items SET doubled = n * 2 + id % 11, touched = touched + 1 "
                    + "WHERE id BETWEEN ? AND ?", batch.first().asLong(), batch.last().asLong());
            Thread.sleep(PAUSE_IN_BATCH_MILLIS);
        }

        @Override
        public OptionalLong countRows(MigrationContext context) throws SQLException {
            return Batches.count(context, "SELECT COUNT(*) FROM items");
        }

        @Override
        public BatchSettings batchSettings() {
            return BatchSettings.of(BATCH_SIZE);
        }

        @Override
        public void verify(MigrationContext context) throws SQLException {
            Batches.requireNone(context, "SELECT COUNT(*) FROM items WHERE doubled IS NULL", "items not backfilled");
        }
    }

    /** Prints the markers the test aims its kills at. */
    static MigrationListener markers() {
        return new MigrationListener() {
            @Override
            public void beforeMigration(MigrationDescriptor migration) {
                if (migration.version().asLong() == 1) {
                    print("PHASE start");
                }
            }

            @Override
            public void batchCommitted(MigrationDescriptor migration, BatchProgress progress) {
                print("BATCH " + progress.batches());
            }

            @Override
            public void afterMigration(MigrationDescriptor migration, Duration executionTime) {
                if (migration.version().asLong() == 1) {
                    print("PHASE after");
                }
            }
        };
    }

    private static void print(String line) {
        if (printMarkers) {
            System.out.println(line);
            System.out.flush();
        }
    }

    /**
     * The tables the migrations work on, as an application's database would hold them before the
     * release: {@code items} with {@value #ROWS} rows to backfill, and an empty {@code backfill_done}.
     */
    static void seed(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, n INT NOT NULL, doubled BIGINT, "
                    + "touched INT NOT NULL DEFAULT 0)");
            statement.execute("CREATE TABLE backfill_done (id INT PRIMARY KEY)");
            connection.setAutoCommit(false);
            StringBuilder insert = new StringBuilder();
            for (int id = 1; id <= ROWS; id++) {
                insert.append(insert.length() == 0 ? "INSERT INTO items (id, n) VALUES " : ", ")
                        .append('(').append(id).append(", ").append(id * 7_919L % 10_007).append(')');
                if (id % 1_000 == 0) {
                    statement.execute(insert.toString());
                    insert.setLength(0);
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    /**
     * Every row of {@code items} (id, n, doubled, touched), in key order, as its count and a CRC32:
     * equal on two databases only if each row's backfilled value and counter are equal.
     */
    static String itemsChecksum(DataSource dataSource) throws SQLException {
        CRC32 crc = new CRC32();
        long rows = 0;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id, n, doubled, touched FROM items ORDER BY id")) {
            while (result.next()) {
                rows++;
                long doubled = result.getLong(3);
                String value = result.wasNull() ? "null" : Long.toString(doubled);
                crc.update((result.getLong(1) + "|" + result.getLong(2) + "|" + value + "|" + result.getLong(4) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return rows + ":" + Long.toHexString(crc.getValue());
    }
}
