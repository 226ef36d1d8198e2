package dev.cairn.spring.boot;

import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.DatabaseNewerThanApplicationException;
import dev.cairn.runtime.LockTimeoutException;
import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.NonEmptyDatabaseException;
import dev.cairn.runtime.PendingRepairException;
import dev.cairn.runtime.StaleRegistryException;
import dev.cairn.runtime.ValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns Cairn's exceptions into Spring Boot's "APPLICATION FAILED TO START" report: the description is
 * Cairn's own message (what happened, to which migration, the database's words), the action says what to
 * do next from a Spring application, with the {@code cairn.*} properties and the CLI's commands.
 */
class CairnFailureAnalyzer extends AbstractFailureAnalyzer<CairnException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CairnException cause) {
        return new FailureAnalysis(description(cause), action(cause), cause);
    }

    private static String description(CairnException cause) {
        if (cause instanceof MigrationFailedException) {
            MigrationFailedException failed = (MigrationFailedException) cause;
            return "Cairn could not apply migration " + String.valueOf(failed.version()) + " (" + failed.className()
                    + "), so the application did not start:\n\n" + cause.getMessage();
        }
        return "Cairn stopped the start-up of the application:\n\n" + cause.getMessage();
    }

    private static String action(CairnException cause) {
        if (cause instanceof MigrationFailedException) {
            MigrationFailedException failed = (MigrationFailedException) cause;
            return "Fix migration " + String.valueOf(failed.version()) + " (" + failed.className() + ") and start "
                    + "the application again: a transactional migration left nothing behind and is retried. If the "
                    + "message says the migration waits for repair, put the database right by hand, run the Cairn "
                    + "CLI's repair command, then start again.";
        }
        if (cause instanceof PendingRepairException) {
            return "Check what the failed migration left behind and undo or finish it by hand, run the Cairn CLI's "
                    + "repair command (Migrator.repair()), then start the application again.";
        }
        if (cause instanceof DatabaseNewerThanApplicationException) {
            return "Deploy the application version that contains the newer migrations, or roll the database back "
                    + "with that version (the Cairn CLI's rollback command).";
        }
        if (cause instanceof ValidationException) {
            return "Make the code and the database agree: restore an applied migration that was edited or "
                    + "deleted, or record the change on purpose with the Cairn CLI (repair, forget); its validate and "
                    + "info commands list every problem. cairn.validate-on-migrate=false skips the check.";
        }
        if (cause instanceof NonEmptyDatabaseException) {
            return "The database has objects but no Cairn history. Record it as being at the migration that "
                    + "created them with cairn.baseline-version=<version>, take over Flyway's history with the Cairn "
                    + "CLI's adopt-flyway command, or point the application at an empty database.";
        }
        if (cause instanceof LockTimeoutException) {
            return "Another instance is migrating this database and holds Cairn's lock. Wait for it and start "
                    + "again, or give it longer with cairn.lock-timeout (for example cairn.lock-timeout=5m).";
        }
        if (cause instanceof StaleRegistryException) {
            return "Rebuild the application (mvn clean package) so that the annotation processor compiles the SQL "
                    + "scripts on the class path into the registry again.";
        }
        return "Follow the advice in the message above, then start the application again.";
    }
}
