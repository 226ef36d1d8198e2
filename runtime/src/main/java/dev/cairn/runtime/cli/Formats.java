package dev.cairn.runtime.cli;

import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationState;
import dev.cairn.runtime.ValidationProblem;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Shared wording of values in CLI output, so every command prints them the same way. */
final class Formats {
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Formats() {
    }

    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 10_000) {
            return millis + " ms";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String instant(Instant instant) {
        return INSTANT.format(instant);
    }

    /** {@code ROLLED_BACK} becomes "rolled back". */
    static String state(MigrationState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String migrations(int count) {
        return count == 1 ? "1 migration" : count + " migrations";
    }

    /** Prints the migrations of a plan, one line each, with the traits an operator cares about. */
    static void planLines(PrintStream out, List<MigrationDescriptor> migrations) {
        int width = 0;
        for (MigrationDescriptor migration : migrations) {
            width = Math.max(width, Long.toString(migration.version()).length());
        }
        for (MigrationDescriptor migration : migrations) {
            String version = Long.toString(migration.version());
            StringBuilder line = new StringBuilder("  ").append(" ".repeat(width - version.length()))
                    .append(version).append("  ").append(migration.description());
            if (!migration.transactional()) {
                line.append("  [not transactional]");
            }
            if (!migration.reversible()) {
                line.append("  [irreversible]");
            }
            out.println(line);
        }
    }

    static void problems(PrintStream out, List<ValidationProblem> problems) {
        for (ValidationProblem problem : problems) {
            out.println("  - " + problem.version() + " [" + problem.kind() + "] " + problem.message());
        }
    }

    static void problemsJson(JsonWriter json, List<ValidationProblem> problems) {
        json.name("problems").beginArray();
        for (ValidationProblem problem : problems) {
            json.beginObject()
                    .field("kind", problem.kind().name())
                    .field("version", problem.version())
                    .field("message", problem.message())
                    .endObject();
        }
        json.endArray();
    }

    static void migrationJson(JsonWriter json, MigrationDescriptor migration) {
        json.beginObject()
                .field("version", migration.version())
                .field("description", migration.description())
                .field("className", migration.className())
                .field("transactional", migration.transactional())
                .field("reversible", migration.reversible());
        json.name("dependsOn").beginArray();
        for (long dependency : migration.dependsOn()) {
            json.value(dependency);
        }
        json.endArray().endObject();
    }
}
