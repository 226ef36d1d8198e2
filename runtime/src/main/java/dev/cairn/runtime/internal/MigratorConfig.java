package dev.cairn.runtime.internal;

import dev.cairn.runtime.BatchSettings;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.DriverManagerDataSource;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationListener;
import dev.cairn.runtime.Registry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The checked, immutable options of a {@link Migrator}, shared by its commands. */
public final class MigratorConfig {

    private final Registry registry;
    private final DataSource dataSource;
    private final String historyTable;
    private final String historySchema;
    private final boolean validateOnMigrate;
    private final boolean singleTransaction;
    private final List<MigrationListener> listeners;
    private final String installedBy;
    private final Path backupDirectory;
    private final int backupRetention;
    private final boolean integrityCheck;
    private final Duration lockTimeout;
    private final boolean allowNonEmptyDatabase;
    private final boolean outOfOrder;
    private final String application;
    private final Map<String, String> placeholders;
    private final boolean placeholderReplacement;
    /** The batch size for every batched migration, overriding their own; null: their own. */
    private final Integer batchSize;
    /** The pause after each batch for every batched migration, overriding their own; null: their own. */
    private final Duration batchPause;
    private final Map<MigrationVersion, BatchSettings> batchSettingsByVersion;
    /** How long a run spends on batches before it leaves batched migrations in progress; null: no limit. */
    private final Duration batchTimeLimit;
    /** Built on first use, not in the constructor, so building a Migrator stays free. */
    private volatile Map<MigrationVersion, MigrationDescriptor> byVersion;
    /** Built on first use too: whether a migration is batched. */
    private volatile Boolean anyBatched;

    public MigratorConfig(Registry registry, DataSource dataSource, String historyTable, String historySchema,
            boolean validateOnMigrate, boolean singleTransaction, List<MigrationListener> listeners,
            String installedBy, Path backupDirectory, int backupRetention, boolean integrityCheck,
            Duration lockTimeout, boolean allowNonEmptyDatabase, boolean outOfOrder, String application,
            Map<String, String> placeholders, boolean placeholderReplacement, Integer batchSize, Duration batchPause,
            Map<MigrationVersion, BatchSettings> batchSettingsByVersion, Duration batchTimeLimit) {
        this.batchSize = batchSize;
        this.batchPause = batchPause;
        this.batchSettingsByVersion = Map.copyOf(batchSettingsByVersion);
        this.batchTimeLimit = batchTimeLimit;
        this.registry = registry;
        this.dataSource = dataSource;
        this.historyTable = historyTable;
        this.historySchema = historySchema;
        this.validateOnMigrate = validateOnMigrate;
        this.singleTransaction = singleTransaction;
        this.listeners = List.copyOf(listeners);
        this.installedBy = installedBy;
        this.backupDirectory = backupDirectory;
        this.backupRetention = backupRetention;
        this.integrityCheck = integrityCheck;
        this.lockTimeout = lockTimeout;
        this.allowNonEmptyDatabase = allowNonEmptyDatabase;
        this.outOfOrder = outOfOrder;
        this.application = application;
        this.placeholders = Map.copyOf(placeholders);
        this.placeholderReplacement = placeholderReplacement;
    }

    /**
     * The batch settings a batched migration runs with: the operator's for its version, else its
     * own with the operator's size and pause for all in place of its own, each where set.
     */
    public BatchSettings batchSettings(MigrationVersion version, BatchSettings own) {
        BatchSettings forVersion = batchSettingsByVersion.get(version);
        if (forVersion != null) {
            return forVersion;
        }
        BatchSettings settings = own;
        if (batchSize != null) {
            settings = settings.withBatchSize(batchSize);
        }
        if (batchPause != null) {
            settings = settings.withPause(batchPause);
        }
        return settings;
    }

    /** How long a run may spend on batches before it leaves batched migrations in progress, or null. */
    public Duration batchTimeLimit() {
        return batchTimeLimit;
    }

    /** Whether any of the registry's migrations is batched (builds the descriptors). */
    public boolean hasBatchedMigrations() {
        Boolean batched = anyBatched;
        if (batched == null) {
            batched = false;
            for (MigrationDescriptor migration : byVersion().values()) {
                batched |= migration.batched();
            }
            anyBatched = batched;
        }
        return batched;
    }

    /** The configured placeholder values of SQL scripts (built-ins come with a run). */
    public Map<String, String> placeholders() {
        return placeholders;
    }

    /** Whether SQL scripts get their placeholders replaced. */
    public boolean placeholderReplacement() {
        return placeholderReplacement;
    }

    /**
     * The application a registry stands for, as recorded with each history row: its class name,
     * stable from build to build; null for a lambda or other synthetic class, whose name changes
     * from run to run.
     */
    public static String applicationOf(Registry registry) {
        Class<?> type = registry.getClass();
        if (type.isSynthetic() || type.getName().contains("$$Lambda")) {
            return null;
        }
        return type.getName();
    }

    /**
     * The application recorded with every history row this migrator writes
     * ({@code Migrator.Builder.applicationName}, else {@link #applicationOf}); null for none.
     */
    public String application() {
        return application;
    }

    public Registry registry() {
        return registry;
    }

    public List<MigrationDescriptor> migrations() {
        return registry.migrations();
    }

    /** The registry's repeatable migrations, in the order they are applied. */
    public List<MigrationDescriptor> repeatables() {
        return registry.repeatables();
    }

    /** The registry's migrations by version; the registry is immutable, so this is computed once. */
    public Map<MigrationVersion, MigrationDescriptor> byVersion() {
        Map<MigrationVersion, MigrationDescriptor> index = byVersion;
        if (index == null) {
            List<MigrationDescriptor> migrations = registry.migrations();
            index = new HashMap<>(migrations.size() * 2);
            for (MigrationDescriptor migration : migrations) {
                index.put(migration.version(), migration);
            }
            byVersion = index;
        }
        return index;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String dataSourceDescription() {
        return dataSource instanceof DriverManagerDataSource ? dataSource.toString() : dataSource.getClass().getName();
    }

    public String historyTable() {
        return historyTable;
    }

    /** The configured schema of the history table, or null to settle it per operation (see {@code HistoryTable}). */
    public String historySchema() {
        return historySchema;
    }

    public boolean validateOnMigrate() {
        return validateOnMigrate;
    }

    public boolean singleTransaction() {
        return singleTransaction;
    }

    public List<MigrationListener> listeners() {
        return listeners;
    }

    public String installedBy() {
        return installedBy;
    }

    public Path backupDirectory() {
        return backupDirectory;
    }

    public int backupRetention() {
        return backupRetention;
    }

    public boolean integrityCheck() {
        return integrityCheck;
    }

    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** Whether a first migrate may run over a database that has objects but no Cairn history. */
    public boolean allowNonEmptyDatabase() {
        return allowNonEmptyDatabase;
    }

    /** Whether a migration added after later ones were applied may be applied (see {@code Migrator.Builder.outOfOrder}). */
    public boolean outOfOrder() {
        return outOfOrder;
    }
}
