package dev.cairn.runtime.internal.history;

import dev.cairn.runtime.MigrationVersion;


/**
 * The current state of one version, folded from its history rows in order: the latest
 * successful apply, baseline or rollback decides whether it is applied; a later failure marks it
 * failed without changing that; a repair row replaces the recorded checksum and clears the failure
 * before it (which stays in the table, as {@link #clearedFailure()}).
 *
 * <pre>{@code
 * VersionRecord record = history.get(7);
 * if (record != null && record.needsRepair()) { ... }
 * }</pre>
 */
public final class VersionRecord {

    /** The settled outcome of the successful events. */
    public enum Settled {
        /** No successful apply, baseline or rollback yet. */
        NONE,
        /** Applied. */
        APPLIED,
        /** Baselined. */
        BASELINED,
        /** Rolled back. */
        ROLLED_BACK,
        /** Forgotten: the application no longer has it ({@code forget}). */
        FORGOTTEN
    }

    private final MigrationVersion version;
    private Settled settled = Settled.NONE;
    private String checksum;
    /** The row that recorded {@link #checksum}. */
    private HistoryRow checksumRow;
    private HistoryRow lastSettledRow;
    private HistoryRow failure;
    private HistoryRow clearedFailure;
    private HistoryRow latest;

    public VersionRecord(MigrationVersion version) {
        this.version = version;
    }

    public void add(HistoryRow row) {
        latest = row;
        switch (row.event()) {
            case APPLY:
                settle(Settled.APPLIED, row);
                checksum = row.checksum();
                checksumRow = row;
                break;
            case BASELINE:
                settle(Settled.BASELINED, row);
                checksum = row.checksum();
                checksumRow = row;
                break;
            case ROLLBACK:
                settle(Settled.ROLLED_BACK, row);
                checksum = null;
                checksumRow = row;
                break;
            case FORGET:
                settle(Settled.FORGOTTEN, row);
                checksum = null;
                checksumRow = row;
                break;
            case REPAIR:
                checksum = row.checksum();
                checksumRow = row;
                if (failure != null) {
                    clearedFailure = failure;
                }
                failure = null;
                break;
            case APPLY_FAILED:
            case ROLLBACK_FAILED:
                failure = row;
                break;
            case VERIFIED:
                throw new IllegalStateException("a verification row belongs to no version; History skips it");
            default:
                throw new IllegalStateException("unhandled event " + row.event());
        }
    }

    private void settle(Settled outcome, HistoryRow row) {
        settled = outcome;
        lastSettledRow = row;
        failure = null;
    }

    /** The version. */
    public MigrationVersion version() {
        return version;
    }

    /** The outcome of the successful events. */
    public Settled settled() {
        return settled;
    }

    /** Whether the migration's changes are in the database (applied or baselined). */
    public boolean isApplied() {
        return settled == Settled.APPLIED || settled == Settled.BASELINED;
    }

    /** The row that recorded {@link #checksum()} (an apply, baseline or repair row); null before any. */
    public HistoryRow checksumRow() {
        return checksumRow;
    }

    /** The checksum recorded for the applied migration; null if none. */
    public String checksum() {
        return checksum;
    }

    /** The row that settled the state; null if none. */
    public HistoryRow lastSettledRow() {
        return lastSettledRow;
    }

    /** The failure recorded after the last settling event; null if none. */
    public HistoryRow failure() {
        return failure;
    }

    /**
     * The latest failure a {@code repair} cleared (the failure row stays in the table); null if
     * none was. Kept after later events: it is part of the version's story.
     */
    public HistoryRow clearedFailure() {
        return clearedFailure;
    }

    /** The latest row of any kind. */
    public HistoryRow latest() {
        return latest;
    }

    /**
     * Whether a migration failed and may have left part of its work behind (it was declared
     * {@code transactional = false}, or it ended the transaction Cairn ran it in), so that nothing
     * may run until {@code repair}.
     */
    public boolean needsRepair() {
        return failure != null && failure.mayBePartlyApplied();
    }
}
