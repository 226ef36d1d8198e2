package dev.cairn.cli;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.BaselineReport;
import java.io.PrintStream;

/**
 * {@code baseline --version V}: records an existing database as being at V (and everything V
 * depends on) without running those migrations, for adopting Cairn on a database that predates it.
 */
final class BaselineCommand implements Command {

    @Override
    public int run(Invocation invocation) throws Exception {
        MigrationVersion version = invocation.arguments().requiredVersion("--version");
        if (!invocation.registry().find(version).isPresent()) {
            throw new UsageException("--version " + version + " is not a migration of this application; "
                    + "'info' lists the versions.");
        }
        DatabaseTarget database = invocation.requireDatabase();
        Engine.requireExisting(invocation, "baseline");
        BaselineReport report = Engine.migrator(invocation).baseline(version);
        PrintStream out = invocation.out();
        out.println("Baselined " + database.displayUrl() + " at version " + version + ": "
                + Formats.migrations(report.baselined().size()) + " recorded as applied without running:");
        Formats.planLines(out, report.baselined());
        if (report.baselined().isEmpty()) {
            out.println("  (none: they were already recorded)");
        }
        out.println("Run 'migrate' to apply the migrations after the baseline.");
        return Cli.EXIT_SUCCESS;
    }
}
