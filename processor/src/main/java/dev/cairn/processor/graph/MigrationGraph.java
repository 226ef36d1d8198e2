package dev.cairn.processor.graph;

import dev.cairn.processor.model.MigrationModel;
import dev.cairn.processor.model.Version;
import dev.cairn.processor.model.VersionAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The migrations of a compilation as a graph: each migration with a version is a node, each
 * {@code dependsOn} entry an edge to the migrations that have that version. Nodes are numbered in
 * ascending (version, class name) order, versions compared part by part ({@code 1.9 < 1.10 < 2}), so every rule and the generated code iterate deterministically,
 * whatever order javac found the sources in.
 *
 * <pre>{@code
 * MigrationGraph graph = new MigrationGraph(migrations);
 * for (int node = 0; node < graph.size(); node++) {
 *     for (int dependency : graph.dependenciesOf(node)) { ... }
 * }
 * }</pre>
 */
public final class MigrationGraph {

    /** Ascending version, then class name: the stable order of everything the processor emits. */
    public static final Comparator<MigrationModel> ORDER = Comparator
            .comparing(MigrationModel::version, Comparator.nullsFirst(Comparator.<Version>naturalOrder()))
            .thenComparing(MigrationModel::canonicalName);

    private final List<MigrationModel> nodes;
    private final Map<Version, List<Integer>> nodesByVersion = new HashMap<>();
    private final List<int[]> dependencies = new ArrayList<>();
    /** The versions meant by migrations left out for a version error of their own (already reported). */
    private final Set<Version> unplaced = new HashSet<>();

    public MigrationGraph(List<MigrationModel> migrations) {
        List<MigrationModel> sorted = new ArrayList<>();
        for (MigrationModel migration : migrations) {
            // Without a usable version (already reported) a migration has no place in the graph.
            if (migration.version() != null) {
                sorted.add(migration);
            } else {
                unplaced.addAll(VersionAttributes.intendedVersions(migration.annotation()));
            }
        }
        sorted.sort(ORDER);
        this.nodes = Collections.unmodifiableList(sorted);
        for (int node = 0; node < nodes.size(); node++) {
            nodesByVersion.computeIfAbsent(nodes.get(node).version(), v -> new ArrayList<>()).add(node);
        }
        for (MigrationModel migration : nodes) {
            List<Integer> targets = new ArrayList<>();
            for (Version version : migration.dependencyVersions()) {
                // Self-dependencies are their own rule's business; as edges they would only
                // add a meaningless one-node cycle.
                if (!version.equals(migration.version())) {
                    targets.addAll(nodesWithVersion(version));
                }
            }
            dependencies.add(targets.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    public int size() {
        return nodes.size();
    }

    public MigrationModel migration(int node) {
        return nodes.get(node);
    }

    /** All migrations in (version, class name) order. */
    public List<MigrationModel> migrations() {
        return nodes;
    }

    /**
     * The nodes with {@code version}: normally one, several when versions are duplicated (also
     * when written differently: {@code 1} and {@code 1.0} are one version).
     */
    public List<Integer> nodesWithVersion(Version version) {
        return nodesByVersion.getOrDefault(version, Collections.emptyList());
    }

    /**
     * Whether {@code version} is what a migration left out of the graph for its own version error
     * meant ({@code version = 3, dottedVersion = "1.10"}: 3 and 1.10): a dependency on it is not
     * unknown, and reporting it would only repeat that error.
     */
    public boolean isMeantByAMigrationInError(Version version) {
        return unplaced.contains(version);
    }

    /** The nodes {@code node} depends on, excluding itself. Do not modify the array. */
    public int[] dependenciesOf(int node) {
        return dependencies.get(node);
    }
}
