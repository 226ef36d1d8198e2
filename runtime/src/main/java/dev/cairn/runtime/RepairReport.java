package dev.cairn.runtime;

import java.util.List;

/**
 * The result of {@link Migrator#repair()}.
 *
 * <pre>{@code
 * RepairReport report = migrator.repair();
 * report.clearedFailures();      // versions whose recorded failure no longer blocks
 * report.realignedChecksums();   // versions whose recorded checksum now matches the code
 * }</pre>
 */
public final class RepairReport {

    private final List<MigrationVersion> clearedFailures;
    private final List<MigrationVersion> realignedChecksums;

    /** Creates the report. */
    RepairReport(List<MigrationVersion> clearedFailures, List<MigrationVersion> realignedChecksums) {
        this.clearedFailures = List.copyOf(clearedFailures);
        this.realignedChecksums = List.copyOf(realignedChecksums);
    }

    /**
     * Versions whose failure was cleared, ascending: a {@code REPAIR} row recorded after each, so
     * that it no longer blocks; the failure itself stays in the history table, readable
     * ({@link MigrationInfo#clearedError()}).
     */
    public List<MigrationVersion> clearedFailures() {
        return clearedFailures;
    }

    /**
     * The same as {@link #clearedFailures()}: repair once deleted failed rows; it now keeps them.
     *
     * @deprecated use {@link #clearedFailures()}
     */
    @Deprecated
    public List<MigrationVersion> removedFailures() {
        return clearedFailures;
    }

    /** Versions whose recorded checksum was realigned with the code, in registry order. */
    public List<MigrationVersion> realignedChecksums() {
        return realignedChecksums;
    }

    /** Whether repair found nothing to do. */
    public boolean wasClean() {
        return clearedFailures.isEmpty() && realignedChecksums.isEmpty();
    }

    @Override
    public String toString() {
        return "cleared failures " + clearedFailures + ", realigned checksums " + realignedChecksums;
    }
}
