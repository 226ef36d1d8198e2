package dev.cairn.cli;

import dev.cairn.runtime.BatchProgress;
import dev.cairn.runtime.ExecutedMigration;
import dev.cairn.runtime.InfoReport;
import dev.cairn.runtime.MigrationInfo;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationPlan;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.ValidationProblem;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code migrate [--target V] [--dry-run] [--yes]} and {@code plan [--target V]}: shows the plan,
 * asks for confirmation on a terminal, then applies with one line per migration and a summary.
 * {@code plan} is {@code migrate --dry-run}; both print JSON with {@code --json}. A dry run also
 * prints the statements of each SQL migration, as {@code migrate} would run them.
 */
final class MigrateCommand implements Command {
    private final boolean alwaysDryRun;

    MigrateCommand(boolean alwaysDryRun) {
        this.alwaysDryRun = alwaysDryRun;
    }

    @Override
    public int run(Invocation invocation) throws Exception {
        ParsedArguments arguments = invocation.arguments();
        if (!alwaysDryRun && FleetCommand.requested(arguments)) {
            return FleetCommand.migrate(invocation);
        }
        Optional<MigrationVersion> target = arguments.version("--target");
        if (target.isPresent() && !invocation.registry().find(target.get()).isPresent()) {
            throw new UsageException("--target " + target.get() + " is not a migration of this application; "
                    + "'info' lists the versions.");
        }
        boolean dryRun = alwaysDryRun || arguments.has("--dry-run");
        // Checked before anything connects, so that a typo never reaches the database.
        BatchOptions.of(arguments);
        if (invocation.json() && !dryRun && !arguments.has("--yes") && invocation.terminal().interactive()) {
            throw new UsageException("migrate --json cannot ask for confirmation on a terminal: add --yes (or use "
                    + "'plan --json' to see the plan only).");
        }
        boolean integrityCheck = arguments.has("--integrity-check");
        if (integrityCheck && dryRun) {
            throw new UsageException("--integrity-check runs after migrations are applied; a dry run applies none.");
        }
        DatabaseTarget database = invocation.requireDatabase();
        if (integrityCheck && !database.isSqlite()) {
            throw new UsageException("--integrity-check runs SQLite's PRAGMA integrity_check and foreign_key_check; "
                    + database.displayUrl() + " is not an SQLite database. On PostgreSQL, use the amcheck extension.");
        }
        // With --json the output is the one JSON object: no progress lines.
        ProgressPrinter progress = invocation.json() ? null : new ProgressPrinter(invocation.out(), "applied",
                versionWidth(invocation), invocation.terminal().interactive(), System::nanoTime);
        if (dryRun) {
            try (Engine.ReadOnly view = Engine.readOnly(invocation, progress)) {
                if (view.note() != null) {
                    (invocation.json() ? invocation.err() : invocation.out()).println(view.note());
                }
                return run(invocation, database, view.migrator(), target, true, false);
            }
        }
        try {
            return run(invocation, database, Engine.builder(invocation, progress).integrityCheck(integrityCheck).build(),
                    target, false, integrityCheck, progress);
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
    }

    private static int run(Invocation invocation, DatabaseTarget database, Migrator migrator, Optional<MigrationVersion> target,
            boolean dryRun, boolean integrityCheck) {
        return run(invocation, database, migrator, target, dryRun, integrityCheck, null);
    }

    private static int run(Invocation invocation, DatabaseTarget database, Migrator migrator, Optional<MigrationVersion> target,
            boolean dryRun, boolean integrityCheck, ProgressPrinter progress) {
        ParsedArguments arguments = invocation.arguments();
        PrintStream out = invocation.out();
        MigrationPlan plan = target.isPresent() ? migrator.plan(target.get()) : migrator.plan();

        if (invocation.json()) {
            JsonWriter json = new JsonWriter().beginObject()
                    .field("database", database.displayUrl())
                    // Not up to date but not adopted: nothing is listed only because nothing may run yet.
                    .field("upToDate", plan.isEmpty()
                            && plan.validation().problems(ValidationProblem.Kind.NON_EMPTY_DATABASE).isEmpty()
                            && plan.validation().problems(ValidationProblem.Kind.OTHER_APPLICATION).isEmpty())
                    .field("valid", plan.validation().isValid());
            json.name("migrations").beginArray();
            for (MigrationDescriptor migration : plan.migrations()) {
                Formats.migrationJson(json, migration, plan);
            }
            json.endArray();
            json.name("skipped").beginArray();
            for (MigrationDescriptor migration : plan.skipped()) {
                Formats.migrationJson(json, migration);
            }
            json.endArray();
            Formats.problemsJson(json, plan.validation().problems());
            if (dryRun || !plan.validation().isValid()) {
                out.println(json.endObject());
                return plan.validation().isValid() ? Cli.EXIT_SUCCESS : Cli.EXIT_FAILURE;
            }
            MigrationReport report = target.isPresent() ? migrator.migrate(target.get()) : migrator.migrate();
            reportJson(json, report, report.isComplete() ? null : migrator.info());
            out.println(json.endObject());
            return report.isComplete() ? Cli.EXIT_SUCCESS : Cli.EXIT_INCOMPLETE;
        }

        if (!plan.validation().isValid()) {
            out.println("Validation of " + database.displayUrl() + " failed, so nothing will be applied:");
            Formats.problems(out, plan.validation().problems());
            if (!plan.validation().problems(ValidationProblem.Kind.OTHER_APPLICATION).isEmpty()) {
                out.println("Point this application at its own database (or its own history table or schema); "
                        + "nothing of the other application's was changed.");
            } else if (!plan.validation().problems(ValidationProblem.Kind.NON_EMPTY_DATABASE).isEmpty()) {
                out.println("Adopt the database first ('adopt-flyway' or 'baseline --version V', as said above), "
                        + "then migrate.");
            } else if (plan.validation().problems(ValidationProblem.Kind.CHECKSUM_MISMATCH).isEmpty()
                    && plan.validation().problems(ValidationProblem.Kind.FAILED_MIGRATION).isEmpty()) {
                // Only edited and failed migrations are what 'repair' settles; for the others it
                // would answer "Nothing to repair".
                out.println("Fix the problems as said above, then migrate again.");
            } else {
                out.println("Fix the problems as said above (or run 'repair' if the code and the database are right), "
                        + "then migrate again.");
            }
            return Cli.EXIT_FAILURE;
        }
        if (!plan.skipped().isEmpty()) {
            out.println("Skipped, rolled back (left alone; 'migrate --target V' re-applies what V depends on):");
            Formats.planLines(out, plan.skipped());
        }
        if (plan.isEmpty()) {
            out.println("The database " + database.displayUrl() + " is up to date: nothing to apply.");
            return Cli.EXIT_SUCCESS;
        }
        out.println("Plan for " + database.displayUrl() + ": " + Formats.migrations(plan.migrations().size())
                + " to apply, in this order:");
        Formats.planLines(out, plan.migrations(), dryRun ? plan : null);
        if (dryRun) {
            out.println("Dry run: nothing was applied.");
            return Cli.EXIT_SUCCESS;
        }
        if (!arguments.has("--yes") && invocation.terminal().interactive()) {
            String answer = invocation.terminal().ask("Apply " + Formats.migrations(plan.migrations().size()) + "? [y/N] ");
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                out.println("Cancelled: nothing was applied.");
                return Cli.EXIT_FAILURE;
            }
        }
        MigrationReport report = target.isPresent() ? migrator.migrate(target.get()) : migrator.migrate();
        if (progress != null) {
            progress.finish();
        }
        if (report.wasUpToDate()) {
            // Another instance applied the plan between our plan and our migrate: nothing left to do.
            out.println("Nothing applied: another process brought the database up to date meanwhile.");
        } else {
            out.println("Applied " + Formats.migrations(report.applied().size()) + " in "
                    + Formats.duration(report.duration()) + ".");
            if (integrityCheck) {
                // A failed check throws IntegrityCheckException, reported as the run's error.
                out.println("Integrity check passed: PRAGMA integrity_check and foreign_key_check found no problem.");
            }
        }
        if (!report.isComplete()) {
            unfinished(out, report, migrator.info(), invocation.arguments());
            return Cli.EXIT_INCOMPLETE;
        }
        return Cli.EXIT_SUCCESS;
    }

    /**
     * What a batch time limit left undone: each unfinished batched migration with its rows done and
     * checkpoint, the migrations waiting for them, and the command that resumes them.
     */
    private static void unfinished(PrintStream out, MigrationReport report, InfoReport info, ParsedArguments arguments) {
        String limit = arguments.value(BatchOptions.TIME_LIMIT).map(text -> " (" + text.trim() + ")").orElse("");
        out.println("Not complete: the batch time limit" + limit + " ran out before "
                + (report.unfinished().size() == 1 ? "this batched migration" : "these batched migrations")
                + " finished; " + (report.unfinished().size() == 1 ? "its" : "their") + " committed batches stay:");
        for (MigrationDescriptor migration : report.unfinished()) {
            StringBuilder line = new StringBuilder("  ").append(Formats.version(migration)).append("  ")
                    .append(migration.description()).append(": in progress");
            progress(info, migration).ifPresent(progress -> line.append(", ").append(Formats.batchProgress(progress)));
            out.println(line);
        }
        if (!report.waiting().isEmpty()) {
            StringBuilder waiting = new StringBuilder("Waiting for "
                    + (report.unfinished().size() == 1 ? "it" : "them") + ", not applied yet:");
            for (MigrationDescriptor migration : report.waiting()) {
                waiting.append("\n  ").append(Formats.version(migration)).append("  ").append(migration.description());
            }
            out.println(waiting);
        }
        out.println("Run migrate again to resume after the last committed batch (exit status "
                + Cli.EXIT_INCOMPLETE + ": not complete).");
    }

    private static Optional<BatchProgress> progress(InfoReport info, MigrationDescriptor migration) {
        for (MigrationInfo entry : info.migrations()) {
            if (!entry.repeatable() && entry.version().equals(migration.version())) {
                return entry.batchProgress();
            }
        }
        return Optional.empty();
    }

    /** The run's outcome, after the plan's fields of {@code migrate --json}. */
    private static void reportJson(JsonWriter json, MigrationReport report, InfoReport info) {
        json.field("complete", report.isComplete()).field("durationMillis", report.duration().toMillis());
        json.name("applied").beginArray();
        for (ExecutedMigration applied : report.applied()) {
            json.beginObject().versionField(applied.migration().repeatable(), applied.migration().version())
                    .field("description", applied.migration().description())
                    .field("executionMillis", applied.executionTime().toMillis()).endObject();
        }
        json.endArray();
        json.name("unfinished").beginArray();
        for (MigrationDescriptor migration : report.unfinished()) {
            json.beginObject().versionField(false, migration.version()).field("description", migration.description());
            Formats.batchProgressJson(json, info == null ? Optional.empty() : progress(info, migration));
            json.endObject();
        }
        json.endArray();
        json.name("waiting").beginArray();
        for (MigrationDescriptor migration : report.waiting()) {
            json.beginObject().versionField(migration.repeatable(), migration.version())
                    .field("description", migration.description()).endObject();
        }
        json.endArray();
    }

    static int versionWidth(Invocation invocation) {
        int width = 1;
        for (MigrationDescriptor migration : invocation.registry().migrations()) {
            width = Math.max(width, migration.version().toString().length());
        }
        return width;
    }
}
