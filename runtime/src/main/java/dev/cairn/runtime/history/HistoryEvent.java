package dev.cairn.runtime.history;

/**
 * What one row of the history table records. The table is append-only: the current state of a
 * version is the outcome of its events in order (see {@link VersionRecord}).
 *
 * <pre>{@code
 * if (!row.event().success()) { ... }   // APPLY_FAILED or ROLLBACK_FAILED
 * }</pre>
 */
public enum HistoryEvent {
    /** The migration's {@code up} ran and committed. */
    APPLY(true),
    /** The migration's {@code up} or {@code verify} threw. */
    APPLY_FAILED(false),
    /** Recorded as present without running, by {@code baseline}. */
    BASELINE(true),
    /** The migration's {@code down} ran and committed. */
    ROLLBACK(true),
    /** The migration's {@code down} threw. */
    ROLLBACK_FAILED(false),
    /** {@code repair} realigned the recorded checksum with the code. */
    REPAIR(true);

    private final boolean success;

    HistoryEvent(boolean success) {
        this.success = success;
    }

    /** Whether the event records a success; failures are what {@code repair} removes. */
    public boolean success() {
        return success;
    }
}
