package dev.cairn.processor.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tarjan's strongly connected components, iterative so that a chain of many thousands of
 * migrations cannot overflow the stack. Linear in nodes plus edges. Every component with more
 * than one node contains a cycle.
 *
 * <pre>{@code
 * for (int[] component : StronglyConnectedComponents.of(graph)) {
 *     if (component.length > 1) { ... a cycle ... }
 * }
 * }</pre>
 */
final class StronglyConnectedComponents {

    private StronglyConnectedComponents() {
    }

    static List<int[]> of(MigrationGraph graph) {
        int size = graph.size();
        int[] index = new int[size];
        int[] lowLink = new int[size];
        boolean[] onStack = new boolean[size];
        Arrays.fill(index, -1);
        int[] componentStack = new int[size];
        int componentTop = 0;
        // The explicit call stack: a node and how many of its edges were already followed.
        int[] callNode = new int[size];
        int[] callEdge = new int[size];
        int nextIndex = 0;
        List<int[]> components = new ArrayList<>();

        for (int root = 0; root < size; root++) {
            if (index[root] != -1) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = 0;
            index[root] = lowLink[root] = nextIndex++;
            componentStack[componentTop++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int node = callNode[depth];
                int[] edges = graph.dependenciesOf(node);
                if (callEdge[depth] < edges.length) {
                    int next = edges[callEdge[depth]++];
                    if (index[next] == -1) {
                        index[next] = lowLink[next] = nextIndex++;
                        componentStack[componentTop++] = next;
                        onStack[next] = true;
                        depth++;
                        callNode[depth] = next;
                        callEdge[depth] = 0;
                    } else if (onStack[next]) {
                        lowLink[node] = Math.min(lowLink[node], index[next]);
                    }
                    continue;
                }
                if (lowLink[node] == index[node]) {
                    int start = componentTop;
                    do {
                        start--;
                        onStack[componentStack[start]] = false;
                    } while (componentStack[start] != node);
                    components.add(Arrays.copyOfRange(componentStack, start, componentTop));
                    componentTop = start;
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    lowLink[parent] = Math.min(lowLink[parent], lowLink[node]);
                }
            }
        }
        return components;
    }
}
