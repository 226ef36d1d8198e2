package dev.cairn.cli;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.ExecutedMigration;
import dev.cairn.runtime.RollbackReport;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code rollback --to V}: undoes every applied migration that V does not depend on, dependents
 * first. The engine refuses before anything runs if one of them is irreversible. Asks for
 * confirmation on a terminal unless {@code --yes}: rollback usually drops data.
 */
final class RollbackCommand implements Command {

    @Override
    public int run(Invocation invocation) throws Exception {
        ParsedArguments arguments = invocation.arguments();
        MigrationVersion target = arguments.requiredVersion("--to");
        if (!invocation.registry().find(target).isPresent()) {
            throw new UsageException("--to " + target + " is not a migration of this application; 'info' lists the versions.");
        }
        DatabaseTarget database = invocation.requireDatabase();
        Engine.requireExisting(invocation, "rollback");
        PrintStream out = invocation.out();
        if (!arguments.has("--yes") && invocation.terminal().interactive()) {
            String answer = invocation.terminal().ask("Roll " + database.displayUrl() + " back to version " + target
                    + "? Migrations after it will run their down() and may drop data. [y/N] ");
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                out.println("Cancelled: nothing was rolled back.");
                return Cli.EXIT_FAILURE;
            }
        }
        RollbackReport report = Engine.migrator(
                invocation, new ProgressPrinter(out, "rolled back", MigrateCommand.versionWidth(invocation)))
                .rollback(target);
        if (report.rolledBack().isEmpty()) {
            out.println("Nothing to roll back: no applied migration comes after " + target + ".");
        } else {
            long total = 0;
            for (ExecutedMigration migration : report.rolledBack()) {
                total += migration.executionTime().toMillis();
            }
            out.println("Rolled back " + Formats.migrations(report.rolledBack().size()) + " in " + total
                    + " ms; the database is at version " + target + ".");
        }
        return Cli.EXIT_SUCCESS;
    }
}
