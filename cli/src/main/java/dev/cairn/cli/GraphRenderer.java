package dev.cairn.cli;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.MigrationDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the migration graph as Mermaid (renders on GitHub and most wikis) or Graphviz DOT. Edges
 * point from a dependency to the migration that needs it, the direction in which migrations are
 * applied. When the database state is known each node carries it (text and colour), so the
 * picture shows what is applied and what is pending.
 *
 * <pre>{@code
 * String mermaid = GraphRenderer.mermaid(registry.migrations(), Map.of(1L, "applied"));
 * }</pre>
 */
final class GraphRenderer {
    private static final Map<String, String> COLOURS = new LinkedHashMap<>();

    static {
        COLOURS.put("applied", "#d4edda");
        COLOURS.put("baselined", "#d1ecf1");
        COLOURS.put("pending", "#fff3cd");
        COLOURS.put("in progress", "#cce5ff");
        COLOURS.put("failed", "#f8d7da");
        COLOURS.put("rolled back", "#e2e3e5");
    }

    private GraphRenderer() {
    }

    /**
     * @param states the state of each migration by version, lower case ("applied", "pending",
     *     ...); empty when drawing without a database
     */
    static String mermaid(List<MigrationDescriptor> migrations, Map<MigrationVersion, String> states) {
        StringBuilder out = new StringBuilder("flowchart TD\n");
        for (MigrationDescriptor migration : migrations) {
            String label = migration.version() + ": " + migration.description();
            String state = states.get(migration.version());
            if (state != null) {
                label += " (" + state + ")";
            }
            out.append("    ").append(node(migration.version()))
                    .append("[\"").append(mermaidText(label)).append("\"]\n");
        }
        for (MigrationDescriptor migration : migrations) {
            for (MigrationVersion dependency : migration.dependsOn()) {
                out.append("    ").append(node(dependency)).append(" --> ").append(node(migration.version()))
                        .append('\n');
            }
        }
        Map<String, List<String>> nodesByState = groupByState(migrations, states);
        for (Map.Entry<String, List<String>> entry : nodesByState.entrySet()) {
            String className = entry.getKey().replace(' ', '_');
            out.append("    classDef ").append(className).append(" fill:")
                    .append(COLOURS.getOrDefault(entry.getKey(), "#ffffff")).append('\n');
            out.append("    class ").append(String.join(",", entry.getValue())).append(' ')
                    .append(className).append('\n');
        }
        return out.toString();
    }

    /** Same as {@link #mermaid} in Graphviz DOT: {@code dot -Tsvg} draws it. */
    static String dot(List<MigrationDescriptor> migrations, Map<MigrationVersion, String> states) {
        StringBuilder out = new StringBuilder("digraph migrations {\n");
        out.append("    rankdir=TB;\n");
        out.append("    node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\"];\n");
        for (MigrationDescriptor migration : migrations) {
            String label = migration.version() + ": " + migration.description();
            String state = states.get(migration.version());
            out.append("    ").append(node(migration.version())).append(" [label=\"").append(dotText(label));
            if (state != null) {
                out.append("\\n(").append(dotText(state)).append(")\", fillcolor=\"")
                        .append(COLOURS.getOrDefault(state, "#ffffff")).append('"');
            } else {
                out.append('"');
            }
            out.append("];\n");
        }
        for (MigrationDescriptor migration : migrations) {
            for (MigrationVersion dependency : migration.dependsOn()) {
                out.append("    ").append(node(dependency)).append(" -> ").append(node(migration.version()))
                        .append(";\n");
            }
        }
        return out.append("}\n").toString();
    }

    private static Map<String, List<String>> groupByState(
            List<MigrationDescriptor> migrations, Map<MigrationVersion, String> states) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (MigrationDescriptor migration : migrations) {
            String state = states.get(migration.version());
            if (state != null) {
                grouped.computeIfAbsent(state.toLowerCase(Locale.ROOT), s -> new ArrayList<>())
                        .add(node(migration.version()));
            }
        }
        return grouped;
    }

    /** A node name both formats accept: {@code m7}, {@code m1_10} for version 1.10. */
    private static String node(MigrationVersion version) {
        return "m" + version.toString().replace('.', '_');
    }

    /** Mermaid labels are quoted; a quote inside is written as an entity. */
    private static String mermaidText(String text) {
        return text.replace("\"", "#quot;");
    }

    private static String dotText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
