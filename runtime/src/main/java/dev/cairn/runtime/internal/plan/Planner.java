package dev.cairn.runtime.internal.plan;

import java.util.Objects;
import dev.cairn.runtime.internal.history.HistoryRow;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.history.History;
import dev.cairn.runtime.internal.history.VersionRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what to apply: every migration (or every one the target depends on) that is not
 * applied, in the registry's topological order. A migration whose dependencies are applied is
 * applied even when higher versions were applied before it, as happens after merging a branch, so
 * nothing is skipped silently. One pass over the registry with hash lookups: O(n).
 *
 * <p>A plain {@code migrate()} leaves rolled-back migrations alone, and with them the pending
 * migrations that depend on one: an operator rolled them back on purpose (often because they broke
 * production), and an application restart with the same code must not bring them back. They are
 * reported as skipped, and the pending dependents are a validation problem. {@code migrate(target)}
 * is the explicit choice that re-applies the rolled-back migrations in the target's closure.
 */
public final class Planner {

    private Planner() {
    }

    /**
     * Works out what a call would do against {@code history}: the target's closure, what is held
     * back, what is pending and what is wrong, each computed once.
     *
     * @param scope the target's {@link #closure}, worked out once per call; null for a call without a
     *     target, which applies everything but the held-back migrations
     */
    public static Plan plan(MigratorConfig config, History history, Set<MigrationVersion> scope) {
        Map<MigrationDescriptor, MigrationDescriptor> heldBack = scope == null ? heldBack(config, history) : Map.of();
        List<MigrationDescriptor> pending = new ArrayList<>();
        for (MigrationDescriptor migration : config.migrations()) {
            if ((scope == null || scope.contains(migration.version())) && !history.isApplied(migration.version())
                    && !heldBack.containsKey(migration)) {
                pending.add(migration);
            }
        }
        pending.addAll(dueRepeatables(config, history, pending));
        return new Plan(history, pending, heldBack,
                Validator.validate(config, history, scope == null ? Set.of() : scope, heldBack));
    }

    /**
     * The repeatable migrations to apply after {@code pending}, in the registry's order: those never
     * applied or whose checksum changed since their latest apply, once every version they depend on
     * is applied or about to be.
     */
    static List<MigrationDescriptor> dueRepeatables(MigratorConfig config, History history,
            List<MigrationDescriptor> pending) {
        List<MigrationDescriptor> repeatables = config.repeatables();
        if (repeatables.isEmpty()) {
            return List.of();
        }
        Set<MigrationVersion> comingUp = new HashSet<>();
        for (MigrationDescriptor migration : pending) {
            comingUp.add(migration.version());
        }
        List<MigrationDescriptor> due = new ArrayList<>();
        for (MigrationDescriptor repeatable : repeatables) {
            if (!isCurrent(repeatable, history) && dependenciesMet(repeatable, history, comingUp)) {
                due.add(repeatable);
            }
        }
        return due;
    }

    /** Whether the repeatable migration's latest apply recorded the checksum it has now. */
    public static boolean isCurrent(MigrationDescriptor repeatable, History history) {
        HistoryRow applied = history.repeatableApplied(repeatable.description());
        return applied != null && Objects.equals(applied.checksum(), repeatable.checksum().orElse(null));
    }

    private static boolean dependenciesMet(MigrationDescriptor repeatable, History history,
            Set<MigrationVersion> comingUp) {
        for (MigrationVersion dependency : repeatable.dependsOn()) {
            if (!history.isApplied(dependency) && !comingUp.contains(dependency)) {
                return false;
            }
        }
        return true;
    }

    private static Map<MigrationDescriptor, MigrationDescriptor> heldBack(MigratorConfig config, History history) {
        if (!history.anyRolledBack()) {
            return Map.of();
        }
        Map<MigrationVersion, MigrationDescriptor> causeByVersion = new HashMap<>();
        Map<MigrationDescriptor, MigrationDescriptor> heldBack = new LinkedHashMap<>();
        // The registry is in topological order, so a dependency's cause is known before its dependents.
        for (MigrationDescriptor migration : config.migrations()) {
            VersionRecord record = history.get(migration.version());
            if (record != null && record.isApplied()) {
                continue;
            }
            MigrationDescriptor cause = null;
            if (record != null && record.settled() == VersionRecord.Settled.ROLLED_BACK) {
                cause = migration;
            } else {
                for (MigrationVersion dependency : migration.dependsOn()) {
                    cause = causeByVersion.get(dependency);
                    if (cause != null) {
                        break;
                    }
                }
            }
            if (cause != null) {
                causeByVersion.put(migration.version(), cause);
                heldBack.put(migration, cause);
            }
        }
        return heldBack;
    }

    /**
     * {@code target} and every version it depends on, transitively.
     *
     * @throws CairnException if the application has no migration {@code target}
     */
    public static Set<MigrationVersion> closure(MigratorConfig config, MigrationVersion target) {
        Map<MigrationVersion, MigrationDescriptor> byVersion = config.byVersion();
        if (!byVersion.containsKey(target)) {
            throw new CairnException("The application has no migration with version " + target
                    + "; its migrations are " + describeRange(config) + ". Pass a version of one of them.");
        }
        Set<MigrationVersion> closure = new HashSet<>();
        Deque<MigrationVersion> toVisit = new ArrayDeque<>();
        toVisit.add(target);
        while (!toVisit.isEmpty()) {
            MigrationVersion version = toVisit.pop();
            if (closure.add(version)) {
                MigrationDescriptor migration = byVersion.get(version);
                if (migration != null) {
                    toVisit.addAll(migration.dependsOn());
                }
            }
        }
        return closure;
    }

    private static String describeRange(MigratorConfig config) {
        List<MigrationDescriptor> migrations = config.migrations();
        if (migrations.isEmpty()) {
            return "none";
        }
        MigrationVersion lowest = migrations.get(0).version();
        MigrationVersion highest = lowest;
        for (MigrationDescriptor migration : migrations) {
            if (migration.version().compareTo(lowest) < 0) {
                lowest = migration.version();
            }
            if (migration.version().compareTo(highest) > 0) {
                highest = migration.version();
            }
        }
        return migrations.size() + " between " + lowest + " and " + highest;
    }
}
