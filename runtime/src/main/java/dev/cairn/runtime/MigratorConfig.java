package dev.cairn.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The checked, immutable options of a {@link Migrator}, shared by its commands. */
final class MigratorConfig {

    private final Registry registry;
    private final DataSource dataSource;
    private final String historyTable;
    private final boolean validateOnMigrate;
    private final boolean singleTransaction;
    private final List<MigrationListener> listeners;
    private final String installedBy;
    private final Path backupDirectory;
    private final int backupRetention;
    private final boolean integrityCheck;
    private final Duration lockTimeout;
    /** Built on first use, not in the constructor, so building a Migrator stays free. */
    private volatile Map<Long, MigrationDescriptor> byVersion;

    MigratorConfig(Registry registry, DataSource dataSource, String historyTable, boolean validateOnMigrate,
            boolean singleTransaction, List<MigrationListener> listeners, String installedBy, Path backupDirectory,
            int backupRetention, boolean integrityCheck, Duration lockTimeout) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.historyTable = historyTable;
        this.validateOnMigrate = validateOnMigrate;
        this.singleTransaction = singleTransaction;
        this.listeners = List.copyOf(listeners);
        this.installedBy = installedBy;
        this.backupDirectory = backupDirectory;
        this.backupRetention = backupRetention;
        this.integrityCheck = integrityCheck;
        this.lockTimeout = lockTimeout;
    }

    Registry registry() {
        return registry;
    }

    List<MigrationDescriptor> migrations() {
        return registry.migrations();
    }

    /** The registry's migrations by version; the registry is immutable, so this is computed once. */
    Map<Long, MigrationDescriptor> byVersion() {
        Map<Long, MigrationDescriptor> index = byVersion;
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

    DataSource dataSource() {
        return dataSource;
    }

    String dataSourceDescription() {
        return dataSource instanceof DriverManagerDataSource ? dataSource.toString() : dataSource.getClass().getName();
    }

    String historyTable() {
        return historyTable;
    }

    boolean validateOnMigrate() {
        return validateOnMigrate;
    }

    boolean singleTransaction() {
        return singleTransaction;
    }

    List<MigrationListener> listeners() {
        return listeners;
    }

    String installedBy() {
        return installedBy;
    }

    Path backupDirectory() {
        return backupDirectory;
    }

    int backupRetention() {
        return backupRetention;
    }

    boolean integrityCheck() {
        return integrityCheck;
    }

    Duration lockTimeout() {
        return lockTimeout;
    }
}
