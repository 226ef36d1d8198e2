package dev.cairn.runtime.internal.operation;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.RepairReport;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.history.BatchCheckpoint;
import dev.cairn.runtime.internal.history.History;
import dev.cairn.runtime.internal.history.HistoryEvent;
import dev.cairn.runtime.internal.history.HistoryRow;
import dev.cairn.runtime.internal.history.VersionRecord;
import dev.cairn.runtime.internal.plan.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code repair}: declares the code right and the recorded failures dealt with. It deletes nothing:
 * for each version with a failure still standing, or applied with a checksum that differs from the
 * code's, it appends one {@code REPAIR} row, in one transaction, recording who (as every row: the
 * configured {@code installedBy}, else the database user), when, and what: a {@code REPAIR} row
 * after a failure clears it (the failure row stays, readable, and no longer blocks), and its
 * checksum replaces the one recorded before it (realigned from the old to the new). A database of
 * another application is refused: repair would record this application's checksums over its.
 */
public final class RepairOperation extends Operation {

    public RepairOperation(MigratorConfig config) {
        super(config);
    }

    public RepairReport repair() {
        return withConnection("repair the history table", (connection, dialect, table) -> locked(connection, dialect,
                table, (locked, lockedDialect, lockedTable, lean) -> {
                    Validator.refuseIfAnotherApplication(config, lean, Validator.validate(config, lean));
                    // With descriptions and types: a cleared failure of a migration the code no longer has
                    // is recorded under the description the failure has.
                    History history = lockedTable.readIfExists(locked, true);
                    String installedBy = installedBy(locked);
                    Instant now = Instant.now();
                    Map<MigrationVersion, HistoryRow> repairs = new TreeMap<>();
                    List<MigrationVersion> cleared = new ArrayList<>();
                    for (VersionRecord record : history.versions()) {
                        HistoryRow failure = record.failure();
                        if (failure != null) {
                            cleared.add(record.version());
                            MigrationDescriptor migration = config.byVersion().get(record.version());
                            repairs.put(record.version(), new HistoryRow(0, record.version(),
                                    migration != null ? migration.description() : failure.description(),
                                    failure.type(), HistoryEvent.REPAIR, record.checksum(), installedBy, now, 0,
                                    null));
                        }
                    }
                    cleared.sort(null);
                    List<MigrationVersion> realigned = new ArrayList<>();
                    for (MigrationDescriptor migration : config.migrations()) {
                        VersionRecord record = history.get(migration.version());
                        String current = migration.checksum().orElse(null);
                        if (record != null && record.isApplied() && current != null
                                && !current.equals(record.checksum())) {
                            repairs.put(migration.version(), new HistoryRow(0, migration.version(),
                                    migration.description(), HistoryRow.typeOf(migration.script().isPresent(),
                                            migration.transactional()),
                                    HistoryEvent.REPAIR, current, installedBy, now, 0, null));
                            realigned.add(migration.version());
                            LOG.log(System.Logger.Level.INFO, "Repair realigns the checksum of migration {0} from "
                                    + "{1} to {2}", migration.version(), record.checksum(), current);
                        }
                    }
                    // A batched migration in progress edited on purpose: the rest of its batches run the new code.
                    List<MigrationVersion> realignedCheckpoints = new ArrayList<>();
                    for (BatchCheckpoint checkpoint : history.checkpoints()) {
                        MigrationDescriptor migration = config.byVersion().get(checkpoint.version());
                        String current = migration == null ? null : migration.checksum().orElse(null);
                        if (current != null && !history.isApplied(checkpoint.version())
                                && !current.equals(checkpoint.checksum())) {
                            realignedCheckpoints.add(checkpoint.version());
                            realigned.add(checkpoint.version());
                            LOG.log(System.Logger.Level.INFO, "Repair realigns the checksum of batched migration {0}, "
                                    + "in progress after {1} batches, from {2} to {3}", checkpoint.version(),
                                    checkpoint.batches(), checkpoint.checksum(), current);
                        }
                    }
                    realigned.sort(null);
                    lockedDialect.beginUnit(locked);
                    for (HistoryRow repair : repairs.values()) {
                        lockedTable.append(locked, repair);
                    }
                    for (MigrationVersion version : realignedCheckpoints) {
                        lockedTable.batches().realignChecksum(locked, version,
                                config.byVersion().get(version).checksum().orElse(null));
                    }
                    lockedDialect.commitUnit(locked);
                    LOG.log(System.Logger.Level.INFO, "Repair (by {0}) cleared the failures of {1} and realigned the "
                            + "checksums of {2}; the failures stay in the history", installedBy, cleared, realigned);
                    return ApiValues.get().repairReport(cleared, realigned);
                }));
    }
}
