package dev.cairn.cli;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.MigrationInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code graph [--format mermaid|dot] [--offline]}: the dependency graph for a README or a wiki.
 * With a database (the default one or {@code --url}/{@code --db}) each migration is marked with
 * its state; with {@code --offline}, or when the application has no database configured, the
 * graph comes from the registry alone, which works in a build without any database.
 */
final class GraphCommand implements Command {

    @Override
    public int run(Invocation invocation) throws Exception {
        String format = invocation.arguments().value("--format").orElse("mermaid");
        if (!format.equals("mermaid") && !format.equals("dot")) {
            throw new UsageException("--format expects mermaid or dot, not '" + format + "'.");
        }
        boolean offline = invocation.arguments().has("--offline");
        if (offline && DatabaseTarget.explicit(invocation.arguments())) {
            throw new UsageException("--offline draws without a database; drop --url/--db or --offline.");
        }
        Map<MigrationVersion, String> states = new HashMap<>();
        Optional<DatabaseTarget> database = offline ? Optional.empty() : invocation.database();
        if (database.isPresent()) {
            try (Engine.ReadOnly view = Engine.readOnly(invocation, null)) {
                for (MigrationInfo migration : view.migrator().info().migrations()) {
                    states.put(migration.version(), Formats.state(migration.state()));
                }
                if (view.note() != null) {
                    invocation.err().println(view.note());
                }
            }
        }
        String graph = format.equals("dot")
                ? GraphRenderer.dot(invocation.registry().migrations(), states)
                : GraphRenderer.mermaid(invocation.registry().migrations(), states);
        invocation.out().print(graph);
        return Cli.EXIT_SUCCESS;
    }
}
