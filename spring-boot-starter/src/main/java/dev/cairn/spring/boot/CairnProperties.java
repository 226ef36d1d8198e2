package dev.cairn.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code cairn.*} properties. Every one is optional: with none set, the starter migrates the
 * application's DataSource with the generated registry at start-up.
 *
 * <pre>{@code
 * cairn.lock-timeout=2m
 * cairn.target=42
 * cairn.url=jdbc:postgresql://db/shop   # a separate connection with DDL rights
 * cairn.user=shop_owner
 * }</pre>
 */
@ConfigurationProperties("cairn")
public class CairnProperties {

    /** What the starter does at start-up when no {@link CairnMigrationStrategy} bean replaces it. */
    public enum Mode {
        /** Apply every pending migration (up to {@code cairn.target}). */
        MIGRATE,
        /** Change nothing; stop start-up when the database does not match the code or has pending migrations. */
        VALIDATE
    }

    /** Whether to run Cairn at start-up. */
    private boolean enabled = true;

    /** What to do at start-up: migrate, or only validate. */
    private Mode mode = Mode.MIGRATE;

    /**
     * Full class name of the generated registry. Needed only when the class path holds several (they are
     * listed in META-INF/cairn/registries); a Registry bean wins over it.
     */
    private String registry;

    /** JDBC URL of a separate connection for migrations; by default the application's DataSource is used. */
    private String url;

    /** User of the separate migration connection (needs cairn.url). */
    private String user;

    /** Password of the separate migration connection (needs cairn.url). */
    private String password;

    /** Version to migrate up to (it and everything it depends on); by default all migrations. */
    private String target;

    /** How long to wait for another instance's migration lock before start-up fails. */
    private Duration lockTimeout = Duration.ofMinutes(1);

    /** Whether to apply all pending migrations in one transaction (all or nothing). */
    private boolean singleTransaction;

    /** Whether to validate the applied migrations against the code before migrating. */
    private boolean validateOnMigrate = true;

    /** Whether a migration older than an applied one may still be applied. */
    private boolean outOfOrder;

    /**
     * Version to record an existing database at, when it has objects but no Cairn history yet: that migration
     * and everything it depends on are recorded as present without running them, then the rest is applied.
     */
    private String baselineVersion;

    /** Name of the history table. */
    private String historyTable = "cairn_schema_history";

    /** Schema of the history table; by default the connection's current schema. */
    private String historySchema;

    /** Name recorded with every history row; by default the registry's class name. */
    private String applicationName;

    /** Who is recorded as having applied migrations; by default the database user. */
    private String installedBy;

    /** Values of ${name} placeholders in SQL scripts. */
    private Map<String, String> placeholders = new LinkedHashMap<>();

    /**
     * Rows a batch of every batched migration, overriding each one's own batch size; by default each
     * migration's own.
     */
    private Integer batchSize;

    /**
     * Pause after each committed batch of every batched migration, overriding each one's own (for example
     * 200ms, to leave a live database room); by default each migration's own.
     */
    private Duration batchPause;

    /**
     * How long one start-up spends on batched migrations: when it runs out, the batched migration stops after
     * its current batch and stays in progress, what depends on it waits, and the next start (or the CLI's
     * migrate) resumes it. No limit by default.
     */
    private Duration batchTimeLimit;

    private final Sqlite sqlite = new Sqlite();

    /** Settings that apply only to SQLite databases. */
    public static class Sqlite {

        /** Directory for a copy of the SQLite file taken before each migration run; none by default. */
        private Path backupDirectory;

        /** How many backups to keep in cairn.sqlite.backup-directory. */
        private int backupRetain = 5;

        /** Whether to run PRAGMA integrity_check after migrating. */
        private boolean integrityCheck;

        public Path getBackupDirectory() {
            return backupDirectory;
        }

        public void setBackupDirectory(Path backupDirectory) {
            this.backupDirectory = backupDirectory;
        }

        public int getBackupRetain() {
            return backupRetain;
        }

        public void setBackupRetain(int backupRetain) {
            this.backupRetain = backupRetain;
        }

        public boolean isIntegrityCheck() {
            return integrityCheck;
        }

        public void setIntegrityCheck(boolean integrityCheck) {
            this.integrityCheck = integrityCheck;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public String getRegistry() {
        return registry;
    }

    public void setRegistry(String registry) {
        this.registry = registry;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public boolean isSingleTransaction() {
        return singleTransaction;
    }

    public void setSingleTransaction(boolean singleTransaction) {
        this.singleTransaction = singleTransaction;
    }

    public boolean isValidateOnMigrate() {
        return validateOnMigrate;
    }

    public void setValidateOnMigrate(boolean validateOnMigrate) {
        this.validateOnMigrate = validateOnMigrate;
    }

    public boolean isOutOfOrder() {
        return outOfOrder;
    }

    public void setOutOfOrder(boolean outOfOrder) {
        this.outOfOrder = outOfOrder;
    }

    public String getBaselineVersion() {
        return baselineVersion;
    }

    public void setBaselineVersion(String baselineVersion) {
        this.baselineVersion = baselineVersion;
    }

    public String getHistoryTable() {
        return historyTable;
    }

    public void setHistoryTable(String historyTable) {
        this.historyTable = historyTable;
    }

    public String getHistorySchema() {
        return historySchema;
    }

    public void setHistorySchema(String historySchema) {
        this.historySchema = historySchema;
    }

    public String getApplicationName() {
        return applicationName;
    }

    public void setApplicationName(String applicationName) {
        this.applicationName = applicationName;
    }

    public String getInstalledBy() {
        return installedBy;
    }

    public void setInstalledBy(String installedBy) {
        this.installedBy = installedBy;
    }

    public Map<String, String> getPlaceholders() {
        return placeholders;
    }

    public void setPlaceholders(Map<String, String> placeholders) {
        this.placeholders = placeholders;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getBatchPause() {
        return batchPause;
    }

    public void setBatchPause(Duration batchPause) {
        this.batchPause = batchPause;
    }

    public Duration getBatchTimeLimit() {
        return batchTimeLimit;
    }

    public void setBatchTimeLimit(Duration batchTimeLimit) {
        this.batchTimeLimit = batchTimeLimit;
    }

    public Sqlite getSqlite() {
        return sqlite;
    }
}
