package dev.cairn.runtime.internal.operation;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.history.History;
import dev.cairn.runtime.internal.history.HistoryEvent;
import dev.cairn.runtime.internal.history.HistoryRow;
import dev.cairn.runtime.internal.history.VersionRecord;
import dev.cairn.runtime.internal.plan.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code forget}: records, on purpose, that the application no longer has applied migrations (their
 * script or class was deleted), so that the database stops counting them as applied and stops
 * being refused as "newer than the application". It deletes nothing: one {@code FORGET} row per
 * version, in one transaction, with who and when. Only versions the registry does not have, and
 * that are applied (or baselined), can be forgotten; a version forgotten already is left as it is.
 */
public final class ForgetOperation extends Operation {

    public ForgetOperation(MigratorConfig config) {
        super(config);
    }

    /** The versions recorded as forgotten now, ascending. */
    public List<MigrationVersion> forget(MigrationVersion... versions) {
        TreeSet<MigrationVersion> wanted = new TreeSet<>();
        for (MigrationVersion version : versions) {
            if (config.byVersion().containsKey(version)) {
                throw new CairnException("Cannot forget migration " + version + ": this application has it ("
                        + config.byVersion().get(version).className() + "). forget is for applied migrations the code "
                        + "no longer has; to undo this one, roll it back. Nothing was recorded.");
            }
            wanted.add(version);
        }
        if (wanted.isEmpty()) {
            throw new CairnException("forget needs the version of at least one migration to forget. Nothing was "
                    + "recorded.");
        }
        return withConnection("forget migrations", (connection, dialect, table) -> locked(connection, dialect, table,
                (locked, lockedDialect, lockedTable, lean) -> {
                    Validator.refuseIfAnotherApplication(config, lean, Validator.validate(config, lean));
                    History history = lockedTable.readIfExists(locked, true);
                    List<HistoryRow> rows = new ArrayList<>();
                    List<MigrationVersion> forgotten = new ArrayList<>();
                    String installedBy = installedBy(locked);
                    Instant now = Instant.now();
                    for (MigrationVersion version : wanted) {
                        VersionRecord record = history.get(version);
                        if (record != null && record.settled() == VersionRecord.Settled.FORGOTTEN) {
                            continue;
                        }
                        if (record == null || !record.isApplied()) {
                            throw new CairnException("Cannot forget migration " + version + ": the history table "
                                    + lockedTable.name() + " does not record it as applied ("
                                    + (record == null ? "it has no row for it" : "it is " + record.settled()
                                    .name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                                    + "). Nothing was recorded; 'info' lists what is applied.");
                        }
                        HistoryRow settled = record.lastSettledRow();
                        rows.add(new HistoryRow(0, version, settled.description(), settled.type(), HistoryEvent.FORGET,
                                null, installedBy, now, 0, null));
                        forgotten.add(version);
                    }
                    lockedDialect.beginUnit(locked);
                    for (HistoryRow row : rows) {
                        lockedTable.append(locked, row);
                    }
                    lockedDialect.commitUnit(locked);
                    if (!forgotten.isEmpty()) {
                        LOG.log(System.Logger.Level.INFO, "Forgot migration(s) {0} (by {1}); their rows stay in the "
                                + "history", forgotten, installedBy);
                    }
                    return forgotten;
                }));
    }
}
