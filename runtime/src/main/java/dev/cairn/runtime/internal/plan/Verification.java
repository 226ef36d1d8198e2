package dev.cairn.runtime.internal.plan;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.history.History;
import dev.cairn.runtime.internal.history.HistoryEvent;
import dev.cairn.runtime.internal.history.HistoryRow;
import dev.cairn.runtime.internal.history.VersionRecord;
import java.time.Instant;

/**
 * The {@link HistoryEvent#VERIFIED} row: the proof that lets an up-to-date start read one history
 * row instead of the whole history. It records the registry's fingerprint once the history was
 * found complete (every migration applied or baselined, nothing failed) and valid. It is sound
 * because every other history write (apply, failure, rollback, baseline, repair) is appended after
 * it, so while it is still the latest row nothing has happened since it was written, and a changed
 * registry (an edited, added or removed migration) has a different fingerprint.
 *
 * <pre>{@code
 * if (Verification.confirms(table.readLatestIfExists(connection), fingerprint)) {
 *     return upToDate;                          // one query, no descriptor built
 * }
 * }</pre>
 */
public final class Verification {

    /** The history row's type column, which is not null; says that the row is no migration. */
    public static final String TYPE = "VERIFICATION";

    /** The version column of a verification row; the processor rejects version 0 for migrations. */
    public static final MigrationVersion VERSION = MigrationVersion.of(0);

    private Verification() {
    }

    /** Whether the latest history row is a verification of exactly this fingerprint. */
    public static boolean confirms(HistoryRow latest, String fingerprint) {
        return latest != null && latest.event() == HistoryEvent.VERIFIED && fingerprint.equals(latest.checksum());
    }

    /**
     * Whether a verification row should be appended to this history: it is complete and valid for
     * the registry, and its latest row is not already the same verification. Reads every migration,
     * so call it only where the full check runs anyway.
     */
    public static boolean isDue(MigratorConfig config, History history, String fingerprint) {
        if (confirms(history.latestRow(), fingerprint)) {
            return false;
        }
        for (MigrationDescriptor migration : config.migrations()) {
            if (!history.isApplied(migration.version())) {
                return false; // pending, rolled back or failed: the next start must look again
            }
        }
        for (VersionRecord record : history.versions()) {
            if (record.failure() != null) {
                return false;
            }
        }
        for (MigrationDescriptor repeatable : config.repeatables()) {
            if (!Planner.isCurrent(repeatable, history)) {
                return false; // to apply, or failed: the next start must look again
            }
        }
        return Validator.validate(config, history).isValid();
    }

    /** The row to append. */
    public static HistoryRow row(MigratorConfig config, String fingerprint, String installedBy) {
        return new HistoryRow(0, VERSION, "Verified " + config.migrations().size() + " migrations up to date", TYPE,
                HistoryEvent.VERIFIED, fingerprint, installedBy, Instant.now(), 0, null);
    }
}
