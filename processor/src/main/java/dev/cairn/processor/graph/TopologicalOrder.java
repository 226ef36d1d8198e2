package dev.cairn.processor.graph;

import dev.cairn.processor.model.MigrationModel;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The order in which migrations are listed and applied: each after all its dependencies, ties
 * broken by ascending version (Kahn's algorithm with a priority queue). Deterministic: it depends
 * only on versions and dependencies, never on the order sources were compiled in.
 *
 * <pre>{@code
 * List<MigrationModel> ordered = TopologicalOrder.of(graph);  // only for a graph without errors
 * }</pre>
 */
public final class TopologicalOrder {

    private TopologicalOrder() {
    }

    /**
     * @throws IllegalStateException if the graph has a cycle (validate it with the rules first)
     */
    public static List<MigrationModel> of(MigrationGraph graph) {
        int size = graph.size();
        int[] pendingDependencies = new int[size];
        List<List<Integer>> dependents = new ArrayList<>(size);
        for (int node = 0; node < size; node++) {
            dependents.add(new ArrayList<>());
        }
        for (int node = 0; node < size; node++) {
            for (int dependency : graph.dependenciesOf(node)) {
                pendingDependencies[node]++;
                dependents.get(dependency).add(node);
            }
        }
        // Node numbers follow (version, name) order, versions part by part, so the smallest ready
        // node is the lowest version (1.9 before 1.10).
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int node = 0; node < size; node++) {
            if (pendingDependencies[node] == 0) {
                ready.add(node);
            }
        }
        List<MigrationModel> ordered = new ArrayList<>(size);
        while (!ready.isEmpty()) {
            int node = ready.poll();
            ordered.add(graph.migration(node));
            for (int dependent : dependents.get(node)) {
                if (--pendingDependencies[dependent] == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (ordered.size() != size) {
            throw new IllegalStateException("the migration graph has a cycle; run DependencyCycleRule first");
        }
        return ordered;
    }
}
