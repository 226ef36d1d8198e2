package dev.cairn.runtime.internal;

import dev.cairn.runtime.BaselineReport;
import dev.cairn.runtime.BatchKey;
import dev.cairn.runtime.BatchProgress;
import dev.cairn.runtime.DatabaseNewerThanApplicationException;
import dev.cairn.runtime.DatabaseOfAnotherApplicationException;
import dev.cairn.runtime.ExecutedMigration;
import dev.cairn.runtime.FlywayAdoptionException;
import dev.cairn.runtime.FlywayAdoptionReport;
import dev.cairn.runtime.IncompatibleHistoryTableException;
import dev.cairn.runtime.InfoReport;
import dev.cairn.runtime.IntegrityCheckException;
import dev.cairn.runtime.IrreversibleMigrationException;
import dev.cairn.runtime.LockTimeoutException;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.MigrationInfo;
import dev.cairn.runtime.MigrationPlan;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.MigrationState;
import dev.cairn.runtime.NonEmptyDatabaseException;
import dev.cairn.runtime.PendingRepairException;
import dev.cairn.runtime.RepairReport;
import dev.cairn.runtime.RollbackReport;
import dev.cairn.runtime.SqlScriptException;
import dev.cairn.runtime.SqlStatement;
import dev.cairn.runtime.StaleRegistryException;
import dev.cairn.runtime.UnsupportedDatabaseException;
import dev.cairn.runtime.ValidationException;
import dev.cairn.runtime.ValidationProblem;
import dev.cairn.runtime.ValidationReport;
import dev.cairn.runtime.generated.MigrationFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How the engine creates the public API's values and exceptions. Their constructors are package-private
 * in {@code dev.cairn.runtime}, so that an application sees results it can read but not forge, and the
 * API stays small enough to read in one sitting; the engine, in other packages, reaches them through
 * this one interface, implemented inside {@code dev.cairn.runtime} (the pattern of the JDK's
 * {@code SharedSecrets}). Not exported by the module descriptor.
 *
 * <pre>{@code
 * throw ApiValues.get().migrationFailed(3, "com.example.db.AddIndex", message, cause);
 * }</pre>
 */
public interface ApiValues {

    /** The implementation, installed by {@code dev.cairn.runtime}'s bridge class when it initialises. */
    static ApiValues get() {
        ApiValues values = Holder.installed;
        if (values == null) {
            Holder.initialiseBridge();
            values = Holder.installed;
        }
        return values;
    }

    /**
     * Called once, by the bridge class in {@code dev.cairn.runtime}; a second call is refused, so nothing
     * else can replace it.
     */
    static void install(ApiValues implementation) {
        synchronized (Holder.class) {
            if (Holder.installed != null) {
                throw new IllegalStateException("ApiValues is already installed");
            }
            Holder.installed = implementation;
        }
    }

    MigrationDescriptor javaDescriptor(MigrationVersion version, String description, MigrationVersion[] dependsOn,
            String className, boolean transactional, boolean reversible, String checksum, MigrationFactory factory,
            int index);

    MigrationDescriptor sqlDescriptor(MigrationVersion version, String description, MigrationVersion[] dependsOn,
            String script, boolean transactional, boolean reversible, String checksum, MigrationFactory factory,
            int index);

    MigrationDescriptor repeatableSqlDescriptor(String description, MigrationVersion[] dependsOn, String script,
            String checksum, MigrationFactory factory, int index);

    /** A {@link dev.cairn.runtime.BatchedMigration}, which the processor recognised at compile time. */
    MigrationDescriptor batchedDescriptor(MigrationVersion version, String description, MigrationVersion[] dependsOn,
            String className, boolean reversible, String checksum, MigrationFactory factory, int index);

    BatchProgress batchProgress(long batches, long rowsDone, long rowsTotal, BatchKey lastKey, Duration elapsed);

    /** {@code info} of a batched migration with committed batches: {@code base} in state IN_PROGRESS. */
    MigrationInfo inProgressInfo(MigrationInfo base, BatchProgress progress);

    /**
     * @param unfinished batched migrations a run's batch time limit left in progress
     * @param waiting pending migrations that depend on one of them, left for a later run
     */
    MigrationReport migrationReport(List<ExecutedMigration> applied, Duration duration,
            List<MigrationDescriptor> skipped, List<MigrationDescriptor> unfinished, List<MigrationDescriptor> waiting);

    ExecutedMigration executed(MigrationDescriptor migration, Duration executionTime);

    MigrationReport migrationReport(List<ExecutedMigration> applied, Duration duration,
            List<MigrationDescriptor> skipped);

    MigrationPlan migrationPlan(List<MigrationDescriptor> migrations, ValidationReport validation,
            List<MigrationDescriptor> skipped,
            java.util.function.Function<MigrationDescriptor, List<dev.cairn.runtime.SqlStatement>> statements);

    InfoReport infoReport(List<MigrationInfo> migrations);

    MigrationInfo migrationInfo(MigrationVersion version, String description, String className, MigrationState state,
            Instant installedOn, String installedBy, Duration executionTime, boolean checksumMatches, String error,
            boolean descriptionMatches, String application, String clearedError);

    MigrationInfo repeatableInfo(String description, String script, MigrationState state, Instant installedOn,
            String installedBy, Duration executionTime, String error);

    RollbackReport rollbackReport(MigrationVersion target, List<ExecutedMigration> rolledBack);

    BaselineReport baselineReport(MigrationVersion version, List<MigrationDescriptor> baselined);

    FlywayAdoptionReport flywayAdoptionReport(MigrationVersion flywayVersion, List<MigrationDescriptor> adopted,
            List<String> ignored);

    RepairReport repairReport(List<MigrationVersion> clearedFailures, List<MigrationVersion> realignedChecksums);

    ValidationProblem validationProblem(ValidationProblem.Kind kind, MigrationVersion version, String message);

    ValidationReport validationReport(List<ValidationProblem> problems);

    SqlStatement sqlStatement(String sql, int line);

    ValidationException validationFailed(ValidationReport report);

    PendingRepairException pendingRepair(String headline, ValidationReport report);

    DatabaseNewerThanApplicationException databaseNewerThanApplication(List<MigrationVersion> unknownVersions,
            MigrationVersion latestApplicationVersion, ValidationReport report);

    DatabaseOfAnotherApplicationException databaseOfAnotherApplication(String otherApplication,
            List<MigrationVersion> otherVersions, String application, ValidationReport report);

    IncompatibleHistoryTableException incompatibleHistoryTable(String table, List<String> missingColumns,
            List<String> presentColumns);

    /** A history row Cairn cannot read ({@code row} names it: rank, version, event), and why. */
    IncompatibleHistoryTableException unreadableHistoryRow(String table, String row, String why);

    NonEmptyDatabaseException nonEmptyDatabase(String message, List<String> objects, String flywayHistoryTable);

    FlywayAdoptionException flywayAdoptionRefused(String message, List<String> problems);

    IntegrityCheckException integrityCheckFailed(List<String> findings);

    IrreversibleMigrationException irreversible(MigrationVersion target, List<MigrationDescriptor> irreversible);

    LockTimeoutException lockTimeout(String message, Throwable cause);

    MigrationFailedException migrationFailed(MigrationVersion version, String className, String message, Throwable cause);

    SqlScriptException sqlScriptProblem(String script, int line, String problem, Throwable cause);

    /** {@link #sqlScriptProblem(String, int, String, Throwable)} without a cause. */
    default SqlScriptException sqlScriptProblem(String script, int line, String problem) {
        return sqlScriptProblem(script, line, problem, null);
    }

    StaleRegistryException staleRegistry(String message, List<String> added, List<String> changed,
            List<String> removed);

    UnsupportedDatabaseException unsupportedDatabase(String productName);

    /** A supported database in a version too old: {@code message} says which version is needed. */
    UnsupportedDatabaseException unsupportedDatabaseVersion(String productName, String message);

    /** {@code SqliteBackups}' snapshot before a run: skipped, with a log line, for an in-memory database. */
    void backupBeforeMigrating(Connection connection, Path directory, int retain);

    /** Where the implementation is kept once the bridge class has installed it. */
    final class Holder {
        private static volatile ApiValues installed;

        private Holder() {
        }

        /** Initialising the bridge class runs its static block, which calls install(...); the JVM does it once. */
        private static void initialiseBridge() {
            try {
                Class.forName("dev.cairn.runtime.ApiValuesBridge", true, ApiValues.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("cairn-runtime is incomplete: dev.cairn.runtime.ApiValuesBridge is missing",
                        e);
            }
        }
    }
}
