package dev.cairn.spring.boot.actuate;

import dev.cairn.runtime.BatchKey;
import dev.cairn.runtime.BatchProgress;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationInfo;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.context.ApplicationContext;

/**
 * {@code /actuator/cairn}: for each {@link Migrator} bean, every migration known to the code or recorded
 * in the database ({@link Migrator#info()}), with its state, checksum, when and by whom it was applied,
 * and how long it took; for a batched migration in progress, its {@code progress} (rows done of total,
 * percent, batches, last key, rate).
 *
 * <pre>{@code
 * management.endpoints.web.exposure.include=health,cairn
 * $ curl localhost:8080/actuator/cairn
 * {"migrators":{"cairnMigrator":[{"version":"1","description":"Create book","state":"APPLIED",...}]}}
 * }</pre>
 */
@Endpoint(id = "cairn")
public class CairnEndpoint {

    private final ApplicationContext context;

    public CairnEndpoint(ApplicationContext context) {
        this.context = context;
    }

    @ReadOperation
    public CairnReport migrations() {
        Map<String, String> checksums = checksums();
        Map<String, List<MigrationView>> migrators = new TreeMap<>();
        context.getBeansOfType(Migrator.class).forEach((name, migrator) -> {
            List<MigrationView> views = new ArrayList<>();
            for (MigrationInfo migration : migrator.info().migrations()) {
                views.add(new MigrationView(migration, checksums.get(key(migration.repeatable(),
                        migration.version().toString(), migration.description()))));
            }
            migrators.put(name, views);
        });
        return new CairnReport(migrators);
    }

    /** The compile-time checksum of every migration of the Registry beans, by version text. */
    private Map<String, String> checksums() {
        Map<String, String> checksums = new HashMap<>();
        for (Registry registry : context.getBeansOfType(Registry.class).values()) {
            for (MigrationDescriptor migration : registry.migrations()) {
                migration.checksum().ifPresent(sum -> checksums.put(key(false, migration.version().toString(), null),
                        sum));
            }
            for (MigrationDescriptor repeatable : registry.repeatables()) {
                repeatable.checksum().ifPresent(sum -> checksums.put(key(true, null, repeatable.description()), sum));
            }
        }
        return checksums;
    }

    /** A migration's key: its version as text, or its name for a repeatable migration (which has no version). */
    private static String key(boolean repeatable, String version, String description) {
        return repeatable ? "R:" + description : version;
    }

    /** The endpoint's answer: each Migrator bean's migrations, by bean name. */
    public static final class CairnReport implements OperationResponseBody {

        private final Map<String, List<MigrationView>> migrators;

        CairnReport(Map<String, List<MigrationView>> migrators) {
            this.migrators = migrators;
        }

        public Map<String, List<MigrationView>> getMigrators() {
            return migrators;
        }
    }

    /** One migration, as {@link MigrationInfo} describes it. */
    public static final class MigrationView {

        private final MigrationInfo info;
        private final String checksum;

        MigrationView(MigrationInfo info, String checksum) {
            this.info = info;
            this.checksum = checksum;
        }

        /** The version as text ({@code 7}, {@code 1.10}); null for a repeatable migration, which has none. */
        public String getVersion() {
            return info.repeatable() ? null : String.valueOf(info.version());
        }

        /** Whether this is a repeatable migration ({@code R__name.sql}), applied again when it changes. */
        public boolean isRepeatable() {
            return info.repeatable();
        }

        public String getDescription() {
            return info.description();
        }

        public String getState() {
            return info.state().name();
        }

        /** The migration class, or the script path of a SQL migration; null for one the code does not know. */
        public String getSource() {
            return info.className().orElse(null);
        }

        /** The compile-time checksum from the registry; null when the registry has none. */
        public String getChecksum() {
            return checksum;
        }

        public boolean isChecksumMatches() {
            return info.checksumMatches();
        }

        public Instant getInstalledOn() {
            return info.installedOn().orElse(null);
        }

        public String getInstalledBy() {
            return info.installedBy().orElse(null);
        }

        /** How long the latest recorded run took, in milliseconds. */
        public Long getExecutionTimeMillis() {
            return info.executionTime().map(time -> time.toMillis()).orElse(null);
        }

        public String getError() {
            return info.error().orElse(null);
        }

        public String getApplication() {
            return info.application().orElse(null);
        }

        /** How far a batched migration in state {@code IN_PROGRESS} has come; null for any other. */
        public BatchProgressView getProgress() {
            return info.batchProgress().map(BatchProgressView::new).orElse(null);
        }
    }

    /** A batched migration's progress, as {@link BatchProgress} describes it. */
    public static final class BatchProgressView {

        private final BatchProgress progress;

        BatchProgressView(BatchProgress progress) {
            this.progress = progress;
        }

        /** Rows the committed batches held, over every run. */
        public long getRowsDone() {
            return progress.rowsDone();
        }

        /** The rows counted when the migration started; null when it could not count them cheaply. */
        public Long getRowsTotal() {
            return progress.rowsTotal().isPresent() ? progress.rowsTotal().getAsLong() : null;
        }

        /** The share done, 0 to 100; null without a total. */
        public Integer getPercent() {
            return progress.fraction().isPresent() ? (int) Math.floor(progress.fraction().getAsDouble() * 100) : null;
        }

        public long getBatches() {
            return progress.batches();
        }

        /** The checkpoint the next run resumes after, as text; null before the first batch. */
        public String getLastKey() {
            return progress.lastKey().map(BatchKey::asText).orElse(null);
        }

        /** Rows per second over the time spent in batches so far. */
        public long getRowsPerSecond() {
            return Math.round(progress.rowsPerSecond());
        }
    }
}
