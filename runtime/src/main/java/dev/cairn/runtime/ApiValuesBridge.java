package dev.cairn.runtime;

import dev.cairn.runtime.generated.MigrationFactory;
import dev.cairn.runtime.internal.ApiValues;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The engine's only way to the package-private constructors of this package's values and exceptions
 * (see {@link ApiValues}). Not public: applications cannot create results or exceptions that Cairn
 * did not.
 */
final class ApiValuesBridge implements ApiValues {

    static {
        ApiValues.install(new ApiValuesBridge());
    }

    private ApiValuesBridge() {
    }

    @Override
    public MigrationDescriptor javaDescriptor(MigrationVersion version, String description,
            MigrationVersion[] dependsOn, String className, boolean transactional, boolean reversible, String checksum,
            MigrationFactory factory, int index) {
        return new MigrationDescriptor(version, description, dependsOn, className, null, transactional, reversible,
                checksum, factory, index, false, false);
    }

    @Override
    public MigrationDescriptor sqlDescriptor(MigrationVersion version, String description,
            MigrationVersion[] dependsOn, String script, boolean transactional, boolean reversible, String checksum,
            MigrationFactory factory, int index) {
        return new MigrationDescriptor(version, description, dependsOn, script, script, transactional, reversible,
                checksum, factory, index, false, false);
    }

    @Override
    public MigrationDescriptor repeatableSqlDescriptor(String description, MigrationVersion[] dependsOn,
            String script, String checksum, MigrationFactory factory, int index) {
        return new MigrationDescriptor(MigrationVersion.of(0), description, dependsOn, script, script, true, false,
                checksum, factory, index, true, false);
    }

    @Override
    public MigrationDescriptor batchedDescriptor(MigrationVersion version, String description,
            MigrationVersion[] dependsOn, String className, boolean reversible, String checksum,
            MigrationFactory factory, int index) {
        return new MigrationDescriptor(version, description, dependsOn, className, null, true, reversible,
                checksum, factory, index, false, true);
    }

    @Override
    public BatchProgress batchProgress(long batches, long rowsDone, long rowsTotal, BatchKey lastKey,
            Duration elapsed) {
        return new BatchProgress(batches, rowsDone, rowsTotal, lastKey, elapsed);
    }

    @Override
    public MigrationInfo inProgressInfo(MigrationInfo base, BatchProgress progress) {
        return base.inProgress(progress);
    }

    @Override
    public MigrationReport migrationReport(List<ExecutedMigration> applied, Duration duration,
            List<MigrationDescriptor> skipped, List<MigrationDescriptor> unfinished, List<MigrationDescriptor> waiting) {
        return new MigrationReport(applied, duration, skipped, unfinished, waiting);
    }

    @Override
    public ExecutedMigration executed(MigrationDescriptor migration, Duration executionTime) {
        return new ExecutedMigration(migration, executionTime);
    }

    @Override
    public MigrationReport migrationReport(List<ExecutedMigration> applied, Duration duration,
            List<MigrationDescriptor> skipped) {
        return new MigrationReport(applied, duration, skipped);
    }

    @Override
    public MigrationPlan migrationPlan(List<MigrationDescriptor> migrations, ValidationReport validation,
            List<MigrationDescriptor> skipped, java.util.function.Function<MigrationDescriptor, List<SqlStatement>> statements) {
        return new MigrationPlan(migrations, validation, skipped, statements);
    }

    @Override
    public InfoReport infoReport(List<MigrationInfo> migrations) {
        return new InfoReport(migrations);
    }

    @Override
    public MigrationInfo migrationInfo(MigrationVersion version, String description, String className, MigrationState state,
            Instant installedOn, String installedBy, Duration executionTime, boolean checksumMatches, String error,
            boolean descriptionMatches, String application, String clearedError) {
        return new MigrationInfo(version, description, className, state, installedOn, installedBy, executionTime,
                checksumMatches, error, descriptionMatches, application, clearedError);
    }

    @Override
    public MigrationInfo repeatableInfo(String description, String script, MigrationState state, Instant installedOn,
            String installedBy, Duration executionTime, String error) {
        return new MigrationInfo(MigrationVersion.of(0), description, script, state, installedOn, installedBy,
                executionTime, true, error, true, null, null, true);
    }

    @Override
    public RollbackReport rollbackReport(MigrationVersion target, List<ExecutedMigration> rolledBack) {
        return new RollbackReport(target, rolledBack);
    }

    @Override
    public BaselineReport baselineReport(MigrationVersion version, List<MigrationDescriptor> baselined) {
        return new BaselineReport(version, baselined);
    }

    @Override
    public FlywayAdoptionReport flywayAdoptionReport(MigrationVersion flywayVersion, List<MigrationDescriptor> adopted,
            List<String> ignored) {
        return new FlywayAdoptionReport(flywayVersion, adopted, ignored);
    }

    @Override
    public RepairReport repairReport(List<MigrationVersion> clearedFailures, List<MigrationVersion> realignedChecksums) {
        return new RepairReport(clearedFailures, realignedChecksums);
    }

    @Override
    public ValidationProblem validationProblem(ValidationProblem.Kind kind, MigrationVersion version, String message) {
        return new ValidationProblem(kind, version, message);
    }

    @Override
    public ValidationReport validationReport(List<ValidationProblem> problems) {
        return new ValidationReport(problems);
    }

    @Override
    public SqlStatement sqlStatement(String sql, int line) {
        return new SqlStatement(sql, line);
    }

    @Override
    public ValidationException validationFailed(ValidationReport report) {
        return new ValidationException(report);
    }

    @Override
    public PendingRepairException pendingRepair(String headline, ValidationReport report) {
        return new PendingRepairException(headline, report);
    }

    @Override
    public DatabaseNewerThanApplicationException databaseNewerThanApplication(List<MigrationVersion> unknownVersions,
            MigrationVersion latestApplicationVersion, ValidationReport report) {
        return new DatabaseNewerThanApplicationException(unknownVersions, latestApplicationVersion, report);
    }

    @Override
    public DatabaseOfAnotherApplicationException databaseOfAnotherApplication(String otherApplication,
            List<MigrationVersion> otherVersions, String application, ValidationReport report) {
        return new DatabaseOfAnotherApplicationException(otherApplication, otherVersions, application, report);
    }

    @Override
    public IncompatibleHistoryTableException incompatibleHistoryTable(String table, List<String> missingColumns,
            List<String> presentColumns) {
        return new IncompatibleHistoryTableException(table, missingColumns, presentColumns);
    }

    @Override
    public IncompatibleHistoryTableException unreadableHistoryRow(String table, String row, String why) {
        return new IncompatibleHistoryTableException(table, "In the history table " + table + ", history row " + row
                + " cannot be read: " + why + ". It was edited by hand or written by another tool (or a newer "
                + "Cairn). Nothing was applied. Fix or delete it by hand (UPDATE or DELETE ... WHERE installed_rank = "
                + "its rank), then run again.");
    }

    @Override
    public NonEmptyDatabaseException nonEmptyDatabase(String message, List<String> objects,
            String flywayHistoryTable) {
        return new NonEmptyDatabaseException(message, objects, flywayHistoryTable);
    }

    @Override
    public FlywayAdoptionException flywayAdoptionRefused(String message, List<String> problems) {
        return new FlywayAdoptionException(message, problems);
    }

    @Override
    public IntegrityCheckException integrityCheckFailed(List<String> findings) {
        return new IntegrityCheckException(findings);
    }

    @Override
    public IrreversibleMigrationException irreversible(MigrationVersion target, List<MigrationDescriptor> irreversible) {
        return new IrreversibleMigrationException(target, irreversible);
    }

    @Override
    public LockTimeoutException lockTimeout(String message, Throwable cause) {
        return new LockTimeoutException(message, cause);
    }

    @Override
    public MigrationFailedException migrationFailed(MigrationVersion version, String className, String message, Throwable cause) {
        return new MigrationFailedException(version, className, message, cause);
    }

    @Override
    public SqlScriptException sqlScriptProblem(String script, int line, String problem, Throwable cause) {
        return new SqlScriptException(script, line, problem, cause);
    }

    @Override
    public StaleRegistryException staleRegistry(String message, List<String> added, List<String> changed,
            List<String> removed) {
        return new StaleRegistryException(message, added, changed, removed);
    }

    @Override
    public UnsupportedDatabaseException unsupportedDatabase(String productName) {
        return new UnsupportedDatabaseException(productName);
    }

    @Override
    public UnsupportedDatabaseException unsupportedDatabaseVersion(String productName, String message) {
        return new UnsupportedDatabaseException(productName, message);
    }

    @Override
    public void backupBeforeMigrating(Connection connection, Path directory, int retain) {
        SqliteBackups.backupBeforeMigrating(connection, directory, retain);
    }
}
