package dev.cairn.cli;

import dev.cairn.runtime.MigrationVersion;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code forget --version V}: records that the application no longer has applied migration V (its
 * script or class was deleted on purpose), so that the database stops being refused as migrated by
 * a newer application. A FORGET row, with who and when; nothing is deleted.
 */
final class ForgetCommand implements Command {

    @Override
    public int run(Invocation invocation) throws Exception {
        MigrationVersion version = invocation.arguments().requiredVersion("--version");
        if (invocation.registry().find(version).isPresent()) {
            throw new UsageException("--version " + version + " is one of this application's migrations; 'forget' is "
                    + "for applied migrations the code no longer has. To undo it, use 'rollback'.");
        }
        Engine.requireExisting(invocation, "forget");
        DatabaseTarget database = invocation.requireDatabase();
        List<MigrationVersion> forgotten = Engine.migrator(invocation).forget(version);
        PrintStream out = invocation.out();
        if (forgotten.isEmpty()) {
            out.println("Migration " + version + " was already forgotten in " + database.displayUrl() + ".");
        } else {
            out.println("Forgot migration " + version + " in " + database.displayUrl() + ": it no longer counts as "
                    + "applied. Its rows stay in the history table after a FORGET row recording who and when ('info' "
                    + "shows it as forgotten); what it did stays in the database.");
        }
        return Cli.EXIT_SUCCESS;
    }
}
