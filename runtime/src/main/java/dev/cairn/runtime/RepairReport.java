package dev.cairn.runtime;

import java.util.List;

/**
 * The result of {@link Migrator#repair()}.
 *
 * <pre>{@code
 * RepairReport report = migrator.repair();
 * report.removedFailures();      // versions whose failed entries were removed
 * report.realignedChecksums();   // versions whose recorded checksum now matches the code
 * }</pre>
 */
public final class RepairReport {

    private final List<Long> removedFailures;
    private final List<Long> realignedChecksums;

    /** Creates the report. */
    RepairReport(List<Long> removedFailures, List<Long> realignedChecksums) {
        this.removedFailures = List.copyOf(removedFailures);
        this.realignedChecksums = List.copyOf(realignedChecksums);
    }

    /** Versions whose failed history entries were deleted, ascending. */
    public List<Long> removedFailures() {
        return removedFailures;
    }

    /** Versions whose recorded checksum was realigned with the code, in registry order. */
    public List<Long> realignedChecksums() {
        return realignedChecksums;
    }

    /** Whether repair found nothing to do. */
    public boolean wasClean() {
        return removedFailures.isEmpty() && realignedChecksums.isEmpty();
    }

    @Override
    public String toString() {
        return "removed failures " + removedFailures + ", realigned checksums " + realignedChecksums;
    }
}
