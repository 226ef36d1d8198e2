package dev.cairn.runtime;

import dev.cairn.runtime.history.History;
import dev.cairn.runtime.history.HistoryRow;
import dev.cairn.runtime.history.VersionRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code info} and {@code validate}: read the history (with details) and compare; change nothing, take no lock. */
final class InfoCommand extends Command {

    InfoCommand(MigratorConfig config) {
        super(config);
    }

    ValidationReport validate() {
        return withConnection("validate migrations",
                (connection, dialect, table) -> Validator.validate(config, readOrEmpty(connection, table, true)));
    }

    InfoReport info() {
        return withConnection("read migration info", (connection, dialect, table) -> {
            History history = readOrEmpty(connection, table, true);
            List<MigrationInfo> entries = new ArrayList<>();
            for (MigrationDescriptor migration : config.migrations()) {
                entries.add(entry(migration.version(), migration.description(), migration.className(),
                        migration.checksum().orElse(null), history.get(migration.version())));
            }
            Map<Long, MigrationDescriptor> known = config.byVersion();
            List<VersionRecord> unknown = new ArrayList<>();
            for (VersionRecord record : history.versions()) {
                if (!known.containsKey(record.version())) {
                    unknown.add(record);
                }
            }
            unknown.sort(Comparator.comparingLong(VersionRecord::version));
            for (VersionRecord record : unknown) {
                entries.add(entry(record.version(), record.latest().description(), null, null, record));
            }
            return new InfoReport(entries);
        });
    }

    private static MigrationInfo entry(long version, String description, String className, String codeChecksum,
            VersionRecord record) {
        if (record == null) {
            return new MigrationInfo(version, description, className, MigrationState.PENDING, null, null, null, true,
                    null);
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
                default:
                    state = MigrationState.PENDING;
                    break;
            }
        }
        HistoryRow latest = record.latest();
        boolean checksumMatches = !record.isApplied() || record.checksum() == null || codeChecksum == null
                || record.checksum().equals(codeChecksum);
        HistoryRow failure = record.failure();
        return new MigrationInfo(version, description, className, state, latest.installedOn(), latest.installedBy(),
                Duration.ofMillis(latest.executionTimeMillis()), checksumMatches,
                failure == null ? null : failure.error());
    }
}
