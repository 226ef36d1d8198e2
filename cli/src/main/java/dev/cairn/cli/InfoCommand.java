package dev.cairn.cli;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.InfoReport;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationInfo;
import dev.cairn.runtime.MigrationState;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code info}: every migration known to the application or recorded in the database, with its
 * state, when and by whom it ran, how long it took and whether its checksum still matches; for
 * SQL migrations, the script.
 */
final class InfoCommand implements Command {

    @Override
    public int run(Invocation invocation) throws Exception {
        if (FleetCommand.requested(invocation.arguments())) {
            return FleetCommand.info(invocation);
        }
        DatabaseTarget database = invocation.requireDatabase();
        InfoReport report;
        String note;
        try (Engine.ReadOnly view = Engine.readOnly(invocation, null)) {
            report = view.migrator().info();
            note = view.note();
        }
        PrintStream out = invocation.out();
        if (note != null) {
            (invocation.json() ? invocation.err() : out).println(note);
        }
        Map<MigrationVersion, String> scripts = new HashMap<>();
        Map<MigrationVersion, String> codeDescriptions = new HashMap<>();
        for (MigrationDescriptor migration : invocation.registry().migrations()) {
            migration.script().ifPresent(script -> scripts.put(migration.version(), script));
            codeDescriptions.put(migration.version(), migration.description());
        }
        if (invocation.json()) {
            JsonWriter json = new JsonWriter().beginObject().field("database", database.displayUrl());
            json.name("migrations").beginArray();
            for (MigrationInfo migration : report.migrations()) {
                json.beginObject().versionField(migration.repeatable(), migration.version())
                        .field("description", migration.description())
                        .field("className", migration.className().orElse(null))
                        .field("script", migration.repeatable() ? migration.className().orElse(null)
                                : scripts.get(migration.version()))
                        .field("state", migration.state().name())
                        .field("installedOn", migration.installedOn().map(Formats::instant).orElse(null))
                        .field("installedBy", migration.installedBy().orElse(null));
                json.name("executionMillis");
                if (migration.executionTime().isPresent()) {
                    json.value(migration.executionTime().get().toMillis());
                } else {
                    json.nullValue();
                }
                json.field("checksumMatches", migration.checksumMatches())
                        .field("error", migration.error().orElse(null))
                        .field("descriptionMatches", migration.descriptionMatches())
                        .field("application", migration.application().orElse(null))
                        .field("clearedError", migration.clearedError().orElse(null))
                        .field("repeatable", migration.repeatable());
                json.name("progress");
                if (migration.batchProgress().isPresent()) {
                    json.beginObject();
                    Formats.batchProgressJson(json, migration.batchProgress());
                    json.endObject();
                } else {
                    json.nullValue();
                }
                json.endObject();
            }
            out.println(json.endArray().endObject());
            return Cli.EXIT_SUCCESS;
        }
        // The Script column appears only when the application has SQL migrations.
        List<String> headers = new ArrayList<>(List.of("Version", "Description", "State", "Installed on", "By", "Time",
                "Checksum"));
        if (!scripts.isEmpty() || !invocation.registry().repeatables().isEmpty()) {
            headers.add("Script");
        }
        TextTable table = new TextTable(headers.toArray(new String[0]));
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (MigrationInfo migration : report.migrations()) {
            counts.merge(Formats.state(migration.state()), 1, Integer::sum);
            List<String> row = new ArrayList<>(List.of(
                    migration.repeatable() ? "R" : migration.version().toString(),
                    migration.repeatable() ? migration.description()
                            : description(migration, codeDescriptions.get(migration.version())),
                    state(migration),
                    migration.installedOn().map(Formats::instant).orElse(""),
                    migration.installedBy().orElse(""),
                    migration.executionTime().map(Formats::duration).orElse(""),
                    checksum(migration)));
            if (!scripts.isEmpty() || !invocation.registry().repeatables().isEmpty()) {
                row.add(migration.repeatable() ? migration.className().orElse("")
                        : scripts.getOrDefault(migration.version(), ""));
            }
            table.row(row.toArray(new String[0]));
        }
        out.println("Database: " + database.displayUrl());
        out.print(table.render());
        StringBuilder summary = new StringBuilder(Formats.migrations(report.migrations().size()));
        String separator = ": ";
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            summary.append(separator).append(count.getValue()).append(' ').append(count.getKey());
            separator = ", ";
        }
        out.println(summary.append('.'));
        for (MigrationInfo migration : report.migrations()) {
            if (migration.batchProgress().isPresent()) {
                out.println("Migration " + migration.version() + " is in progress: "
                        + Formats.batchProgress(migration.batchProgress().get())
                        + ". 'migrate' resumes it after its last committed batch; what depends on it waits.");
            }
        }
        for (MigrationInfo migration : report.migrations()) {
            if (migration.clearedError().isPresent()) {
                out.println("Migration " + migration.version() + " failed and repair cleared it; the failure, kept in "
                        + "the history: " + migration.clearedError().get());
            }
        }
        return Cli.EXIT_SUCCESS;
    }

    /** The state, with the share done of a batched migration in progress: {@code in progress (40%)}. */
    private static String state(MigrationInfo migration) {
        String state = Formats.state(migration.state());
        if (migration.batchProgress().isPresent() && migration.batchProgress().get().fraction().isPresent()) {
            state += " (" + (long) Math.floor(migration.batchProgress().get().fraction().getAsDouble() * 100) + "%)";
        }
        return state;
    }

    /** What the history recorded; where that is not this application's migration, says so. */
    private static String description(MigrationInfo migration, String code) {
        if (migration.descriptionMatches() || code == null) {
            return migration.description();
        }
        return migration.description() + " (recorded" + migration.application().map(app -> " by " + app).orElse("")
                + "; this application's " + migration.version() + " is: " + code + ")";
    }

    private static String checksum(MigrationInfo migration) {
        if (migration.state() == MigrationState.PENDING) {
            return "";
        }
        return migration.checksumMatches() ? "ok" : "CHANGED";
    }
}
