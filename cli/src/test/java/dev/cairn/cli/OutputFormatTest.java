package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.MigrationVersion;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written renderers: JSON escaping, table alignment, Mermaid and DOT. */
class OutputFormatTest {

    @Test
    void jsonEscapesQuotesBackslashesAndControlCharacters() {
        String json = new JsonWriter().beginObject()
                .field("text", "say \"hi\"\\ \n\t\u0001")
                .name("list").beginArray().value(1).value(true).nullValue().endArray()
                .endObject().toString();
        assertEquals("{\"text\":\"say \\\"hi\\\"\\\\ \\n\\t\\u0001\",\"list\":[1,true,null]}", json);
    }

    @Test
    void tableColumnsAreAlignedWithoutTrailingSpaces() {
        String table = new TextTable("Version", "State").row("1", "applied").row("12", "").render();
        assertEquals("Version  State\n-------  -------\n1        applied\n12\n", table);
    }

    @Test
    void mermaidShowsEdgesFromDependencyToDependentAndMarksStates() {
        String mermaid = GraphRenderer.mermaid(TestRegistry.branchingShop().migrations(),
                Map.of(MigrationVersion.of(1), "applied", MigrationVersion.of(2), "pending", MigrationVersion.of(3), "pending",
                        MigrationVersion.of(4), "pending"));
        assertTrue(mermaid.startsWith("flowchart TD\n"), mermaid);
        assertTrue(mermaid.contains("    m1[\"1: Create books (applied)\"]\n"), mermaid);
        assertTrue(mermaid.contains("    m3[\"3: Add #quot;stock#quot; column (pending)\"]\n"), mermaid);
        assertTrue(mermaid.contains("    m2 --> m4\n    m3 --> m4\n"), mermaid);
        assertTrue(mermaid.contains("    class m2,m3,m4 pending\n"), mermaid);
    }

    @Test
    void dotEscapesQuotesInLabels() {
        String dot = GraphRenderer.dot(TestRegistry.branchingShop().migrations(), Map.of());
        assertTrue(dot.startsWith("digraph migrations {\n"), dot);
        assertTrue(dot.contains("    m3 [label=\"3: Add \\\"stock\\\" column\"];\n"), dot);
        assertTrue(dot.contains("    m1 -> m2;\n"), dot);
    }

    @Test
    void graphWithoutDatabaseDrawsTheCodeOnly() {
        CliRun run = CliRun.run(TestRegistry.branchingShop(), "graph", "--format", "dot");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.contains("m2 -> m4;"), run.out);
    }

    @Test
    void graphRejectsAnUnknownFormat() {
        CliRun run = CliRun.run(TestRegistry.branchingShop(), "graph", "--format", "svg");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains("--format expects mermaid or dot, not 'svg'."), run.err);
    }
}
