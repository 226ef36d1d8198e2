package dev.cairn.cli;

import dev.cairn.runtime.FlywayAdoptionReport;
import java.io.PrintStream;

/**
 * {@code adopt-flyway}: takes over a database that Flyway migrated, by recording in Cairn's
 * history every migration Flyway's {@code flyway_schema_history} says it applied, without running
 * them. Refused, with every reason listed and nothing recorded, when Flyway's history cannot be
 * taken over as it is.
 */
final class AdoptFlywayCommand implements Command {

    @Override
    public int run(Invocation invocation) throws Exception {
        Engine.requireExisting(invocation, "adopt-flyway");
        DatabaseTarget database = invocation.requireDatabase();
        FlywayAdoptionReport report = Engine.migrator(invocation).adoptFlyway();
        PrintStream out = invocation.out();
        if (report.adopted().isEmpty()) {
            out.println("Nothing to adopt in " + database.displayUrl() + ": every migration Flyway applied (up to "
                    + "version " + report.flywayVersion() + ") is already recorded in Cairn's history.");
        } else {
            out.println("Adopted " + database.displayUrl() + " from Flyway (flyway_schema_history, up to version "
                    + report.flywayVersion() + "): " + Formats.migrations(report.adopted().size())
                    + " recorded as applied without running:");
            Formats.planLines(out, report.adopted());
        }
        if (!report.ignored().isEmpty()) {
            out.println("Left aside (Flyway's checksums of repeatable migrations cannot be compared with Cairn's: "
                    + "'migrate' applies the application's repeatable migrations once):");
            for (String ignored : report.ignored()) {
                out.println("  " + ignored);
            }
        }
        out.println("Run 'migrate' to apply what Flyway had not. Cairn never writes flyway_schema_history; "
                + "drop it once Flyway is gone for good.");
        return Cli.EXIT_SUCCESS;
    }
}
