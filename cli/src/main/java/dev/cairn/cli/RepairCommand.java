package dev.cairn.cli;

import dev.cairn.runtime.RepairReport;
import java.io.PrintStream;

/**
 * {@code repair}: clears failed entries and realigns recorded checksums with the code. An
 * explicit operator action, because it declares the code right and the history outdated.
 */
final class RepairCommand implements Command {

    @Override
    public int run(Invocation invocation) throws Exception {
        Engine.requireExisting(invocation, "repair");
        DatabaseTarget database = invocation.requireDatabase();
        RepairReport report = Engine.migrator(invocation).repair();
        PrintStream out = invocation.out();
        if (report.wasClean()) {
            out.println("Nothing to repair in " + database.displayUrl() + ".");
            return Cli.EXIT_SUCCESS;
        }
        if (!report.removedFailures().isEmpty()) {
            out.println("Cleared failed entries of " + report.removedFailures()
                    + "; check what a non-transactional migration left behind before migrating again.");
        }
        if (!report.realignedChecksums().isEmpty()) {
            out.println("Realigned the recorded checksums of " + report.realignedChecksums() + " with the code.");
        }
        return Cli.EXIT_SUCCESS;
    }
}
