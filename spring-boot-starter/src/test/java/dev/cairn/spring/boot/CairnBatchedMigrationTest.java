package dev.cairn.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.Batch;
import dev.cairn.runtime.BatchKey;
import dev.cairn.runtime.BatchSettings;
import dev.cairn.runtime.BatchedMigration;
import dev.cairn.runtime.Batches;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.testing.TestRegistry;
import dev.cairn.spring.boot.actuate.CairnActuatorAutoConfiguration;
import dev.cairn.spring.boot.actuate.CairnEndpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code cairn.batch-size}, {@code cairn.batch-pause} and {@code cairn.batch-time-limit} (issue 17) on a
 * real SQLite file, and {@code /actuator/cairn} showing a batched migration in progress.
 */
class CairnBatchedMigrationTest {

    private static final int ROWS = 500;
    /** The batch size the latest nextBatch was asked for. */
    private static final AtomicInteger ASKED = new AtomicInteger();

    @TempDir
    Path directory;

    private Path database;
    private ApplicationContextRunner runner;

    /** Doubles {@code n} into {@code doubled}, 100 rows a batch of its own, sleeping {@code sleepMillis} a batch. */
    static final class Doubling implements BatchedMigration {
        private final long sleepMillis;

        Doubling(long sleepMillis) {
            this.sleepMillis = sleepMillis;
        }

        @Override
        public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after, int batchSize)
                throws SQLException {
            ASKED.set(batchSize);
            return Batches.nextByLongKey(context, "items", "id", null, after, batchSize);
        }

        @Override
        public void processBatch(MigrationContext context, Batch batch) throws Exception {
            context.execute("UPDATE items SET doubled = n * 2 WHERE id BETWEEN ? AND ?", batch.first().asLong(),
                    batch.last().asLong());
            Thread.sleep(sleepMillis);
        }

        @Override
        public OptionalLong countRows(MigrationContext context) throws SQLException {
            return Batches.count(context, "SELECT COUNT(*) FROM items");
        }

        @Override
        public BatchSettings batchSettings() {
            return BatchSettings.of(100);
        }

        @Override
        public void verify(MigrationContext context) throws SQLException {
            Batches.requireNone(context, "SELECT COUNT(*) FROM items WHERE doubled IS NULL", "items not doubled");
        }
    }

    static Registry registry(long sleepMillis) {
        return TestRegistry.builder()
                .migration(1).description("Create items").up(context -> {
                    context.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, n INT NOT NULL, doubled INT)");
                    context.execute("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < " + ROWS
                            + ") INSERT INTO items (id, n) SELECT i, i % 97 FROM k");
                })
                .migration(2).dependsOn(1).description("Double items").batched(() -> new Doubling(sleepMillis))
                .migration(3).dependsOn(2).description("Index doubled").up("CREATE INDEX items_doubled ON items (doubled)")
                .build();
    }

    @BeforeEach
    void setUp() {
        database = directory.resolve("items.db");
        ASKED.set(0);
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class,
                        CairnActuatorAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=cairn")
                .withBean(DataSource.class, () -> CairnAutoConfigurationTest.sqlite(database));
    }

    private long doubled() throws SQLException {
        try (Connection connection = CairnAutoConfigurationTest.sqlite(database).getConnection();
                ResultSet result = connection.createStatement().executeQuery(
                        "SELECT COUNT(*) FROM items WHERE doubled IS NOT NULL")) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void batchSizeOverridesEachMigrationsOwn() {
        runner.withBean(Registry.class, () -> registry(0)).withPropertyValues("cairn.batch-size=50").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(ASKED.get()).isEqualTo(50);
            assertThat(doubled()).isEqualTo(ROWS);
        });
    }

    @Test
    void aPauseAloneKeepsEachMigrationsOwnBatchSize() {
        runner.withBean(Registry.class, () -> registry(0)).withPropertyValues("cairn.batch-pause=1ms").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(ASKED.get()).isEqualTo(100);
        });
    }

    @Test
    void aBatchTimeLimitLeavesTheMigrationInProgressTheEndpointShowsItAndTheNextStartResumes() {
        Registry slow = registry(40);
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(DefaultMigrationStrategy.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                warnings.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            runner.withBean(Registry.class, () -> slow).withPropertyValues("cairn.batch-time-limit=60ms")
                    .run(context -> assertThat(context).hasNotFailed());
        } finally {
            log.removeHandler(handler);
        }
        assertThat(warnings).containsExactly("WARNING cairn.batch-time-limit ran out: batched migration(s) "
                + "2 (Double items) stay in progress with their committed batches; waiting for them: 3 (Index doubled). "
                + "The next start, or the Cairn CLI's migrate, resumes them after their last committed batch; "
                + "/actuator/cairn shows their progress.");
        // A start that migrates nothing (a strategy bean that does nothing) shows where the database stands.
        runner.withBean(Registry.class, () -> slow).withBean(CairnMigrationStrategy.class, () -> migrator -> { })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    CairnEndpoint.CairnReport report = context.getBean(CairnEndpoint.class).migrations();
                    List<CairnEndpoint.MigrationView> views = report.getMigrators().get("cairnMigrator");
                    assertThat(views).extracting(CairnEndpoint.MigrationView::getState)
                            .containsExactly("APPLIED", "IN_PROGRESS", "PENDING");
                    CairnEndpoint.BatchProgressView progress = views.get(1).getProgress();
                    assertThat(progress).isNotNull();
                    assertThat(progress.getRowsDone()).isPositive().isLessThan(ROWS).isEqualTo(doubled());
                    assertThat(progress.getRowsTotal()).isEqualTo(ROWS);
                    assertThat(progress.getPercent()).isEqualTo((int) (progress.getRowsDone() * 100 / ROWS));
                    assertThat(progress.getBatches()).isEqualTo(progress.getRowsDone() / 100);
                    assertThat(progress.getLastKey()).isEqualTo(String.valueOf(progress.getRowsDone()));
                    assertThat(views.get(0).getProgress()).isNull();
                    assertThat(views.get(2).getProgress()).isNull();
                });
        // cairn.mode=validate does not start on an unfinished backfill.
        runner.withBean(Registry.class, () -> slow).withPropertyValues("cairn.mode=validate").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(CairnStartupException.class)
                    .hasMessageContaining("2 pending migration(s): 2 (Double items), 3 (Index doubled)");
        });
        runner.withBean(Registry.class, () -> slow).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(CairnEndpoint.class).migrations().getMigrators().get("cairnMigrator"))
                    .extracting(CairnEndpoint.MigrationView::getState).containsExactly("APPLIED", "APPLIED", "APPLIED");
            assertThat(doubled()).isEqualTo(ROWS);
        });
    }

    @Test
    void invalidBatchValuesStopStartUpNamingTheProperty() {
        assertInvalid("cairn.batch-size=0", "cairn.batch-size");
        assertInvalid("cairn.batch-pause=-1s", "cairn.batch-pause");
        assertInvalid("cairn.batch-time-limit=0s", "cairn.batch-time-limit");
    }

    private void assertInvalid(String property, String name) {
        runner.withBean(Registry.class, () -> registry(0)).withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            InvalidConfigurationPropertyValueException failure = CairnAutoConfigurationTest.findCause(
                    context.getStartupFailure(), InvalidConfigurationPropertyValueException.class);
            assertThat(failure.getName()).isEqualTo(name);
            assertThat(ASKED.get()).isZero();
        });
    }
}
