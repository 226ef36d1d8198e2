package dev.cairn.runtime.internal.history;

import dev.cairn.runtime.MigrationVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The history table's content as read once: every row in order, and the state of each version
 * folded from them. An immutable snapshot; commands compare it with the registry.
 *
 * <pre>{@code
 * VersionRecord record = history.get(7);   // null: nothing recorded for 7
 * }</pre>
 */
public final class History {

    private final List<HistoryRow> rows;
    private final Map<MigrationVersion, VersionRecord> byVersion;
    private final boolean anyRolledBack;
    /** The latest successful apply of each repeatable migration, by its description. */
    private final Map<String, HistoryRow> repeatableApplies = new HashMap<>();
    /** The latest failure of each repeatable migration that came after its latest apply. */
    private final Map<String, HistoryRow> repeatableFailures = new HashMap<>();
    /** The checkpoints of batched migrations started and not finished, by version. */
    private final Map<MigrationVersion, BatchCheckpoint> checkpoints;

    /**
     * Folds the rows, which must be in rank order. {@link HistoryEvent#VERIFIED} rows stay in
     * {@link #rows()} (they are part of the audit trail) but belong to no version.
     */
    public History(List<HistoryRow> rows) {
        this(rows, Map.of());
    }

    private History(List<HistoryRow> rows, Map<MigrationVersion, BatchCheckpoint> checkpoints) {
        this.checkpoints = Map.copyOf(checkpoints);
        this.rows = List.copyOf(rows);
        this.byVersion = new HashMap<>(rows.size() * 2);
        for (HistoryRow row : rows) {
            if (row.isRepeatable()) {
                if (row.event() == HistoryEvent.APPLY) {
                    repeatableApplies.put(row.description(), row);
                    repeatableFailures.remove(row.description());
                } else if (!row.event().success()) {
                    repeatableFailures.put(row.description(), row);
                }
            } else if (row.event() != HistoryEvent.VERIFIED) {
                byVersion.computeIfAbsent(row.version(), VersionRecord::new).add(row);
            }
        }
        boolean rolledBack = false;
        for (VersionRecord record : byVersion.values()) {
            rolledBack |= record.settled() == VersionRecord.Settled.ROLLED_BACK;
        }
        this.anyRolledBack = rolledBack;
    }

    /** This history with the checkpoints of the batched migrations in progress. */
    public History withCheckpoints(Map<MigrationVersion, BatchCheckpoint> checkpoints) {
        return new History(rows, checkpoints);
    }

    /** The checkpoint of a batched migration started and not finished, or null. */
    public BatchCheckpoint checkpoint(MigrationVersion version) {
        return checkpoints.get(version);
    }

    /** The checkpoints of every batched migration started and not finished. */
    public Collection<BatchCheckpoint> checkpoints() {
        return checkpoints.values();
    }

    /** An empty history, for a database without the table. */
    public static History empty() {
        return new History(new ArrayList<>());
    }

    /** Every row in rank order. */
    public List<HistoryRow> rows() {
        return rows;
    }

    /** The latest row of any kind, including a {@link HistoryEvent#VERIFIED} one; null when there is none. */
    public HistoryRow latestRow() {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }

    /** The state of a version, or null when nothing was ever recorded for it. */
    public VersionRecord get(MigrationVersion version) {
        return byVersion.get(version);
    }

    /** Whether the version is applied or baselined. */
    public boolean isApplied(MigrationVersion version) {
        VersionRecord record = byVersion.get(version);
        return record != null && record.isApplied();
    }

    /** Whether the version's latest settling event is a rollback. */
    public boolean isRolledBack(MigrationVersion version) {
        VersionRecord record = byVersion.get(version);
        return record != null && record.settled() == VersionRecord.Settled.ROLLED_BACK;
    }

    /** Whether some version is rolled back now (so that plans must look for what it holds back). */
    public boolean anyRolledBack() {
        return anyRolledBack;
    }

    /**
     * The latest successful apply of the repeatable migration named {@code description}, or null
     * when it was never applied: its checksum says whether the script changed since.
     */
    public HistoryRow repeatableApplied(String description) {
        return repeatableApplies.get(description);
    }

    /** The latest failure of the repeatable migration named {@code description} since it was last applied. */
    public HistoryRow repeatableFailure(String description) {
        return repeatableFailures.get(description);
    }

    /** Every version that has migration rows (never version 0 of a verification), in no particular order. */
    public Collection<VersionRecord> versions() {
        return byVersion.values();
    }

    /** The highest applied version, or 0 when none is applied: what SQLite's {@code user_version} mirrors. */
    public MigrationVersion highestAppliedVersion() {
        MigrationVersion highest = MigrationVersion.of(0);
        for (VersionRecord record : byVersion.values()) {
            if (record.isApplied() && record.version().compareTo(highest) > 0) {
                highest = record.version();
            }
        }
        return highest;
    }
}
