package dev.cairn.runtime.internal.operation;

import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.RepairReport;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.history.HistoryEvent;
import dev.cairn.runtime.internal.history.HistoryRow;
import dev.cairn.runtime.internal.history.VersionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code repair}: the one deliberate edit of the audit trail. Deletes failed rows (after the user
 * has dealt with what a failed non-transactional migration left behind) and appends a
 * {@code REPAIR} row recording the code's checksum for each edited applied migration.
 */
public final class RepairOperation extends Operation {

    public RepairOperation(MigratorConfig config) {
        super(config);
    }

    public RepairReport repair() {
        return withConnection("repair the history table", (connection, dialect, table) -> locked(connection, dialect,
                table, (locked, lockedDialect, lockedTable, history) -> {
                    String installedBy = installedBy(locked);
                    lockedDialect.beginUnit(locked);
                    List<Long> removed = lockedTable.deleteFailures(locked);
                    List<Long> realigned = new ArrayList<>();
                    for (MigrationDescriptor migration : config.migrations()) {
                        VersionRecord record = history.get(migration.version());
                        String current = migration.checksum().orElse(null);
                        if (record != null && record.isApplied() && current != null
                                && !current.equals(record.checksum())) {
                            lockedTable.append(locked, new HistoryRow(0, migration.version(), migration.description(),
                                    HistoryRow.typeOf(migration.script().isPresent(),
                                            migration.transactional()),
                                    HistoryEvent.REPAIR, current, installedBy, Instant.now(), 0,
                                    null));
                            realigned.add(migration.version());
                        }
                    }
                    lockedDialect.commitUnit(locked);
                    LOG.log(System.Logger.Level.INFO, "Repair removed failures of {0} and realigned checksums of {1}",
                            removed, realigned);
                    return ApiValues.get().repairReport(removed, realigned);
                }));
    }
}
