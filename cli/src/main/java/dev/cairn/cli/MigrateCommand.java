package dev.cairn.cli;

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
        if (invocation.json() && !dryRun) {
            throw new UsageException("--json shows the plan only: use 'plan --json' or 'migrate --dry-run --json'.");
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
        ProgressPrinter progress = new ProgressPrinter(invocation.out(), "applied", versionWidth(invocation));
        if (dryRun) {
            try (Engine.ReadOnly view = Engine.readOnly(invocation, progress)) {
                if (view.note() != null) {
                    (invocation.json() ? invocation.err() : invocation.out()).println(view.note());
                }
                return run(invocation, database, view.migrator(), target, true, false);
            }
        }
        return run(invocation, database, Engine.builder(invocation, progress).integrityCheck(integrityCheck).build(),
                target, false, integrityCheck);
    }

    private static int run(Invocation invocation, DatabaseTarget database, Migrator migrator, Optional<MigrationVersion> target,
            boolean dryRun, boolean integrityCheck) {
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
            out.println(json.endObject());
            return plan.validation().isValid() ? Cli.EXIT_SUCCESS : Cli.EXIT_FAILURE;
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
        return Cli.EXIT_SUCCESS;
    }

    static int versionWidth(Invocation invocation) {
        int width = 1;
        for (MigrationDescriptor migration : invocation.registry().migrations()) {
            width = Math.max(width, migration.version().toString().length());
        }
        return width;
    }
}
