package dev.cairn.runtime.internal.operation;

import dev.cairn.runtime.MigrationNames;
import dev.cairn.runtime.internal.plan.Planner;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.InfoReport;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationInfo;
import dev.cairn.runtime.MigrationState;
import dev.cairn.runtime.ValidationReport;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.dialect.SchemaObject;
import dev.cairn.runtime.internal.history.BatchCheckpoint;
import dev.cairn.runtime.internal.history.History;
import dev.cairn.runtime.internal.history.HistoryRow;
import dev.cairn.runtime.internal.history.VersionRecord;
import dev.cairn.runtime.internal.plan.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code info} and {@code validate}: read the history (with details) and compare; change nothing, take no lock. */
public final class InfoOperation extends Operation {

    public InfoOperation(MigratorConfig config) {
        super(config);
    }

    public ValidationReport validate() {
        return withConnection("validate migrations", (connection, dialect, table) -> {
            History history = readOrEmpty(connection, table, true);
            ValidationReport report = Validator.validate(config, history);
            List<SchemaObject> found = NonEmptyDatabase.find(config, connection, dialect, table, history);
            return found.isEmpty() ? report
                    : NonEmptyDatabase.withProblem(report, NonEmptyDatabase.problem(config, dialect, table, found));
        });
    }

    public InfoReport info() {
        return withConnection("read migration info", (connection, dialect, table) -> {
            History history = readOrEmpty(connection, table, true);
            List<MigrationInfo> entries = new ArrayList<>();
            for (MigrationDescriptor migration : config.migrations()) {
                MigrationInfo entry = entry(migration.version(), migration.description(), migration.className(),
                        migration.checksum().orElse(null), history.get(migration.version()));
                BatchCheckpoint checkpoint = history.checkpoint(migration.version());
                VersionRecord record = history.get(migration.version());
                if (checkpoint != null && !entry.state().isApplied() && (record == null || !record.needsRepair())) {
                    // Started and not finished (interrupted, a failed batch, a batch time limit): resumed by migrate.
                    entry = ApiValues.get().inProgressInfo(entry, checkpoint.progress());
                }
                entries.add(entry);
            }
            Map<MigrationVersion, MigrationDescriptor> known = config.byVersion();
            List<VersionRecord> unknown = new ArrayList<>();
            for (VersionRecord record : history.versions()) {
                if (!known.containsKey(record.version())) {
                    unknown.add(record);
                }
            }
            unknown.sort(Comparator.comparing(VersionRecord::version));
            for (VersionRecord record : unknown) {
                entries.add(entry(record.version(), record.latest().description(), null, null, record));
            }
            for (MigrationDescriptor repeatable : config.repeatables()) {
                entries.add(repeatableEntry(repeatable, history));
            }
            return ApiValues.get().infoReport(entries);
        });
    }

    /** A repeatable migration: its latest apply, and whether its script changed or its latest run failed since. */
    private static MigrationInfo repeatableEntry(MigrationDescriptor repeatable, History history) {
        HistoryRow applied = history.repeatableApplied(repeatable.description());
        HistoryRow failure = history.repeatableFailure(repeatable.description());
        MigrationState state = failure != null ? MigrationState.FAILED
                : applied == null ? MigrationState.PENDING
                : Planner.isCurrent(repeatable, history) ? MigrationState.APPLIED : MigrationState.OUTDATED;
        HistoryRow shown = failure != null ? failure : applied;
        return ApiValues.get().repeatableInfo(repeatable.description(), repeatable.className(), state,
                shown == null ? null : shown.installedOn(), shown == null ? null : shown.installedBy(),
                shown == null ? null : Duration.ofMillis(shown.executionTimeMillis()),
                failure == null ? null : failure.error());
    }

    private static MigrationInfo entry(MigrationVersion version, String description, String className, String codeChecksum,
            VersionRecord record) {
        if (record == null) {
            return ApiValues.get().migrationInfo(version, description, className, MigrationState.PENDING, null, null, null, true,
                    null, true, null, null);
        }
        MigrationState state;
        if (record.failure() != null) {
            state = MigrationState.FAILED;
        } else if (className == null && record.isApplied()) {
            state = MigrationState.APPLIED_UNKNOWN;
        } else {
            switch (record.settled()) {
                case APPLIED:
                    state = MigrationState.APPLIED;
                    break;
                case BASELINED:
                    state = MigrationState.BASELINED;
                    break;
                case ROLLED_BACK:
                    state = MigrationState.ROLLED_BACK;
                    break;
                case FORGOTTEN:
                    // Back in the code after it was forgotten: it is pending again.
                    state = className == null ? MigrationState.FORGOTTEN : MigrationState.PENDING;
                    break;
                default:
                    state = MigrationState.PENDING;
                    break;
            }
        }
        HistoryRow latest = record.latest();
        boolean checksumMatches = !record.isApplied() || record.checksum() == null || codeChecksum == null
                || record.checksum().equals(codeChecksum);
        HistoryRow failure = record.failure();
        // Show what the history says: an applied row under another description is not this migration.
        String recorded = record.isApplied() ? record.lastSettledRow().description() : null;
        boolean descriptionMatches = recorded == null || recorded.equals(description)
                || MigrationNames.sameDescription(recorded, description);
        HistoryRow cleared = record.clearedFailure();
        return ApiValues.get().migrationInfo(version, descriptionMatches ? description : recorded, className, state,
                latest.installedOn(), latest.installedBy(), Duration.ofMillis(latest.executionTimeMillis()),
                checksumMatches, failure == null ? null : failure.error(), descriptionMatches, latest.application(),
                cleared == null ? null : cleared.error());
    }
}
