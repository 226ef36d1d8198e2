package dev.cairn.cli;

import dev.cairn.runtime.BatchKey;
import dev.cairn.runtime.BatchProgress;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationPlan;
import dev.cairn.runtime.MigrationState;
import dev.cairn.runtime.ValidationProblem;
import dev.cairn.runtime.SqlStatement;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /** A migration's version as the CLI shows it: as written ({@code 1.10}), or {@code R} for a repeatable one. */
    static String version(MigrationDescriptor migration) {
        return migration.repeatable() ? "R" : migration.version().toString();
    }

    static String migrations(int count) {
        return count == 1 ? "1 migration" : count + " migrations";
    }

    /** Prints the migrations of a plan, one line each, with the traits an operator cares about. */
    static void planLines(PrintStream out, List<MigrationDescriptor> migrations) {
        planLines(out, migrations, null);
    }

    /**
     * Like {@link #planLines(PrintStream, List)}, and with {@code plan} (a dry run) the statements
     * each SQL migration would run under it: numbered, with the script line, ready to read or
     * paste into a SQL console.
     */
    static void planLines(PrintStream out, List<MigrationDescriptor> migrations, MigrationPlan plan) {
        int width = 0;
        for (MigrationDescriptor migration : migrations) {
            width = Math.max(width, version(migration).length());
        }
        for (MigrationDescriptor migration : migrations) {
            String version = version(migration);
            StringBuilder line = new StringBuilder("  ").append(" ".repeat(width - version.length()))
                    .append(version).append("  ").append(migration.description());
            if (!migration.transactional()) {
                line.append("  [not transactional]");
            }
            if (migration.repeatable()) {
                // Applied again whenever it changes; never rolled back, so "irreversible" would say nothing.
                line.append("  [repeatable]");
            } else if (!migration.reversible()) {
                line.append("  [irreversible]");
            }
            if (migration.batched()) {
                line.append("  [batched]");
            }
            migration.script().ifPresent(script -> line.append("  [SQL ").append(script).append(']'));
            out.println(line);
            if (plan != null) {
                statementLines(out, " ".repeat(width + 6), plan.statements(migration).orElse(null));
            }
        }
    }

    private static void statementLines(PrintStream out, String indent, List<SqlStatement> statements) {
        if (statements == null) {
            out.println(indent + "-- Java migration: its SQL is known only when it runs");
            return;
        }
        if (statements.isEmpty()) {
            out.println(indent + "-- no statements");
        }
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement statement = statements.get(i);
            out.println(indent + "-- statement " + (i + 1) + " of " + statements.size() + ", line " + statement.line());
            String[] lines = statement.sql().split("\n", -1);
            for (int j = 0; j < lines.length; j++) {
                out.println(indent + lines[j] + (j == lines.length - 1 ? ";" : ""));
            }
        }
    }

    static void problems(PrintStream out, List<ValidationProblem> problems) {
        for (ValidationProblem problem : problems) {
            // Version 0: a problem of the whole database, not of one migration.
            out.println("  - " + (problem.version().equals(MigrationVersion.of(0)) ? "" : problem.version() + " ") + "[" + problem.kind() + "] "
                    + ErrorMessages.forOperator(problem.message()));
        }
    }

    static void problemsJson(JsonWriter json, List<ValidationProblem> problems) {
        json.name("problems").beginArray();
        for (ValidationProblem problem : problems) {
            json.beginObject()
                    .field("kind", problem.kind().name())
                    .field("version", problem.version())
                    .field("message", ErrorMessages.forOperator(problem.message()))
                    .endObject();
        }
        json.endArray();
    }

    static void migrationJson(JsonWriter json, MigrationDescriptor migration) {
        migrationJson(json, migration, null);
    }

    /**
     * A migration as JSON; with {@code plan}, a {@code statements} array for a SQL migration
     * ({@code null} for a Java one, whose SQL is known only when it runs).
     */
    static void migrationJson(JsonWriter json, MigrationDescriptor migration, MigrationPlan plan) {
        json.beginObject().versionField(migration.repeatable(), migration.version())
                .field("description", migration.description())
                .field("className", migration.className())
                .field("script", migration.script().orElse(null))
                .field("transactional", migration.transactional())
                .field("reversible", migration.reversible())
                .field("repeatable", migration.repeatable())
                .field("batched", migration.batched());
        json.name("dependsOn").beginArray();
        for (MigrationVersion dependency : migration.dependsOn()) {
            json.value(dependency);
        }
        json.endArray();
        if (plan != null) {
            json.name("statements");
            List<SqlStatement> statements = plan.statements(migration).orElse(null);
            if (statements == null) {
                json.nullValue();
            } else {
                json.beginArray();
                for (SqlStatement statement : statements) {
                    json.beginObject().field("line", statement.line()).field("sql", statement.sql()).endObject();
                }
                json.endArray();
            }
        }
        json.endObject();
    }

    /**
     * A batched migration's progress as the fields {@code rowsDone}, {@code rowsTotal} (null when
     * not counted), {@code batches} and {@code lastKey} (text, null before the first batch); all
     * null without progress.
     */
    static void batchProgressJson(JsonWriter json, Optional<BatchProgress> progress) {
        if (progress.isEmpty()) {
            json.name("rowsDone").nullValue().name("rowsTotal").nullValue().name("batches").nullValue()
                    .name("lastKey").nullValue();
            return;
        }
        BatchProgress value = progress.get();
        json.field("rowsDone", value.rowsDone());
        json.name("rowsTotal");
        if (value.rowsTotal().isPresent()) {
            json.value(value.rowsTotal().getAsLong());
        } else {
            json.nullValue();
        }
        json.field("batches", value.batches())
                .field("lastKey", value.lastKey().map(BatchKey::asText).orElse(null));
    }

    /** {@code 41,000 of 100,000 rows (41%), 41 batches, last key 41000}: where an in-progress migration stands. */
    static String batchProgress(BatchProgress progress) {
        return ProgressPrinter.rows(progress) + ", " + ProgressPrinter.batches(progress.batches())
                + progress.lastKey().map(key -> ", last key " + key).orElse("");
    }
}
