package dev.cairn.runtime;

import dev.cairn.runtime.history.History;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what to apply: every migration (or every one the target depends on) that is not
 * applied, in the registry's topological order. A migration whose dependencies are applied is
 * applied even when higher versions were applied before it, as happens after merging a branch, so
 * nothing is skipped silently. One pass over the registry with hash lookups: O(n).
 */
final class Planner {

    private Planner() {
    }

    /** The migrations to apply, in order; {@code target} null means all. */
    static List<MigrationDescriptor> pending(MigratorConfig config, History history, Long target) {
        Set<Long> scope = target == null ? null : closure(config, target);
        List<MigrationDescriptor> pending = new ArrayList<>();
        for (MigrationDescriptor migration : config.migrations()) {
            if ((scope == null || scope.contains(migration.version())) && !history.isApplied(migration.version())) {
                pending.add(migration);
            }
        }
        return pending;
    }

    /**
     * {@code target} and every version it depends on, transitively.
     *
     * @throws CairnException if the application has no migration {@code target}
     */
    static Set<Long> closure(MigratorConfig config, long target) {
        Map<Long, MigrationDescriptor> byVersion = config.byVersion();
        if (!byVersion.containsKey(target)) {
            throw new CairnException("The application has no migration with version " + target
                    + "; its migrations are " + describeRange(config) + ". Pass a version of one of them.");
        }
        Set<Long> closure = new HashSet<>();
        Deque<Long> toVisit = new ArrayDeque<>();
        toVisit.add(target);
        while (!toVisit.isEmpty()) {
            long version = toVisit.pop();
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
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (MigrationDescriptor migration : migrations) {
            lowest = Math.min(lowest, migration.version());
            highest = Math.max(highest, migration.version());
        }
        return migrations.size() + " between " + lowest + " and " + highest;
    }
}
