package dev.cairn.cli;

import dev.cairn.runtime.RepairReport;
import java.io.PrintStream;

/**
 * {@code repair}: clears failed entries and realigns recorded checksums with the code. An
 * explicit operator action, because it declares the code right and the history outdated; it is
 * recorded as such (a REPAIR row per version, with who and when), and the failures it clears stay
 * in the history table, where {@code info} shows them.
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
        if (!report.clearedFailures().isEmpty()) {
            out.println("Cleared the failures of " + report.clearedFailures() + ": they no longer block migrate, and "
                    + "they stay in the history table after a REPAIR row recording who cleared them and when ('info' "
                    + "shows them). Check what a non-transactional migration left behind before migrating again.");
        }
        if (!report.realignedChecksums().isEmpty()) {
            out.println("Realigned the recorded checksums of " + report.realignedChecksums() + " with the code "
                    + "(recorded as REPAIR rows; the earlier checksums stay in the history table).");
        }
        return Cli.EXIT_SUCCESS;
    }
}
