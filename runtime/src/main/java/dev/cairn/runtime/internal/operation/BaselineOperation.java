package dev.cairn.runtime.internal.operation;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.BaselineReport;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.history.HistoryEvent;
import dev.cairn.runtime.internal.history.HistoryRow;
import dev.cairn.runtime.internal.plan.Planner;
import dev.cairn.runtime.internal.plan.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code baseline}: records {@code version} and everything it depends on as present, without
 * running them, for a database whose schema was created before Cairn managed it.
 */
public final class BaselineOperation extends Operation {

    public BaselineOperation(MigratorConfig config) {
        super(config);
    }

    public BaselineReport baseline(MigrationVersion version) {
        Set<MigrationVersion> scope = Planner.closure(config, version);
        return withConnection("baseline", (connection, dialect, table) -> locked(connection, dialect, table,
                (locked, lockedDialect, lockedTable, history) -> {
                    Validator.throwIfInvalid(config, history,
                            Validator.repairsOnly(Validator.validate(config, history)));
                    String installedBy = installedBy(locked);
                    List<MigrationDescriptor> baselined = new ArrayList<>();
                    for (MigrationDescriptor migration : config.migrations()) {
                        if (scope.contains(migration.version()) && !history.isApplied(migration.version())) {
                            baselined.add(migration);
                        }
                    }
                    checkStorable(lockedDialect, baselined);
                    lockedDialect.beginUnit(locked);
                    for (MigrationDescriptor migration : baselined) {
                        lockedTable.append(locked, new HistoryRow(0, migration.version(), migration.description(),
                                HistoryRow.typeOf(migration.script().isPresent(), migration.transactional()),
                                HistoryEvent.BASELINE, migration.checksum().orElse(null), installedBy,
                                Instant.now(), 0, null));
                    }
                    lockedDialect.commitUnit(locked);
                    LOG.log(System.Logger.Level.INFO, "Baselined {0} migration(s) at version {1}", baselined.size(),
                            version);
                    return ApiValues.get().baselineReport(version, baselined);
                }));
    }
}
