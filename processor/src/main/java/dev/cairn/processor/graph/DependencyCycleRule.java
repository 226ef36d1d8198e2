package dev.cairn.processor.graph;

import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.processor.model.Dependency;
import dev.cairn.processor.model.MigrationModel;
import dev.cairn.processor.model.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * Migrations that depend on each other in a loop can never be ordered. Each loop is reported
 * once, as the whole path, starting and ending at its lowest version so that the message is the
 * same in every build: {@code 10 (Alpha) -> 30 (Gamma) -> 20 (Beta) -> 10 (Alpha)}, where
 * {@code A -> B} reads "A depends on B". The error sits on the {@code dependsOn} entry of the
 * starting migration that begins the path.
 *
 * <p>Linear in migrations plus dependencies: strongly connected components find the loops, then
 * one breadth-first search per loop finds a shortest path through its lowest version.
 */
final class DependencyCycleRule implements GraphRule {

    @Override
    public void check(MigrationGraph graph, DiagnosticReport report) {
        List<int[]> cycles = new ArrayList<>();
        for (int[] component : StronglyConnectedComponents.of(graph)) {
            if (component.length > 1) {
                cycles.add(component);
            }
        }
        // Nodes are numbered in (version, name) order, so the smallest node is the lowest version.
        for (int[] component : cycles) {
            Arrays.sort(component);
        }
        cycles.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int[] component : cycles) {
            report(graph, component, report);
        }
    }

    private static void report(MigrationGraph graph, int[] component, DiagnosticReport report) {
        List<Integer> path = shortestLoop(graph, component);
        StringBuilder text = new StringBuilder();
        for (int node : path) {
            if (text.length() > 0) {
                text.append(" -> ");
            }
            text.append(graph.migration(node).label());
        }
        MigrationModel start = graph.migration(path.get(0));
        Version firstStep = graph.migration(path.get(1)).version();
        Dependency entry = null;
        for (Dependency dependency : start.declaredDependencies()) {
            if (dependency.version().equals(firstStep)) {
                entry = dependency;
                break;
            }
        }
        report.error(Code.DEPENDENCY_CYCLE, "migrations depend on each other in a cycle: " + text
                + " (read each arrow as 'depends on'). No order can apply them; remove one of these"
                + " dependencies.",
                start.element(), start.annotation(), entry == null ? start.dependsOnValue() : entry.value());
    }

    /** A shortest path from the component's first node back to itself, inside the component. */
    private static List<Integer> shortestLoop(MigrationGraph graph, int[] component) {
        int start = component[0];
        int[] parent = new int[graph.size()];
        Arrays.fill(parent, -2);
        Deque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        parent[start] = -1;
        int last = -1;
        search:
        while (!queue.isEmpty()) {
            int node = queue.removeFirst();
            for (int next : graph.dependenciesOf(node)) {
                if (Arrays.binarySearch(component, next) < 0) {
                    continue;
                }
                if (next == start) {
                    last = node;
                    break search;
                }
                if (parent[next] == -2) {
                    parent[next] = node;
                    queue.add(next);
                }
            }
        }
        List<Integer> path = new ArrayList<>();
        path.add(start);
        for (int node = last; node != -1; node = parent[node]) {
            path.add(node);
        }
        // Collected backwards from the end: start, last, ..., start's successor, start.
        Collections.reverse(path);
        return path;
    }
}
