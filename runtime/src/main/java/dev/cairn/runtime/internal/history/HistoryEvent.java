package dev.cairn.runtime.internal.history;


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
    /**
     * {@code repair} cleared the failure recorded before it (which stays in the table) and/or
     * realigned the recorded checksum with the code (the row's checksum replaces the earlier one).
     */
    REPAIR(true),
    /**
     * {@code forget}: the operator recorded that the application no longer has this migration (its
     * script or class was deleted on purpose). Its earlier rows stay; it no longer counts as
     * applied, nor as unknown to the application.
     */
    FORGET(true),
    /**
     * Not a migration: {@code migrate} found every migration applied and the history valid, and
     * recorded the registry's fingerprint (in the checksum column, with version 0, which no migration
     * can have). While it stays the latest row, the next start needs to read only that row. Any later
     * event is appended after it and so makes it stale. {@link History} does not fold it into a
     * version.
     */
    VERIFIED(true);

    private final boolean success;

    HistoryEvent(boolean success) {
        this.success = success;
    }

    /** Whether the event records a success; failures are what {@code repair} clears. */
    public boolean success() {
        return success;
    }
}
