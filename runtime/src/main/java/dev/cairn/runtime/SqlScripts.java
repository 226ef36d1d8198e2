package dev.cairn.runtime;

import dev.cairn.runtime.sql.SqlScriptException;
import dev.cairn.runtime.sql.SqlScriptMigration;
import dev.cairn.runtime.sql.SqlStatement;
import java.util.List;

/**
 * The engine's view of SQL script migrations: their statements for a dry run, and the check that
 * every script of a run is on the class path, unchanged since compilation and free of transaction
 * control before the first statement of the run executes. Creating a {@code SqlScriptMigration}
 * loads no application class, so this keeps Java migrations lazily loaded.
 */
final class SqlScripts {

    private SqlScripts() {
    }

    /**
     * The statements {@code migration} would run ({@code undo}: its undo script's), or null when it
     * is not a SQL script migration.
     *
     * @throws SqlScriptException naming the migration when its script is missing, changed or refused
     */
    static List<SqlStatement> statements(MigrationDescriptor migration, boolean undo) {
        if (migration.script().isEmpty()) {
            return null;
        }
        JavaMigration instance = migration.newInstance();
        if (!(instance instanceof SqlScriptMigration)) {
            return null;
        }
        SqlScriptMigration script = (SqlScriptMigration) instance;
        try {
            return undo ? script.undoStatements() : script.statements();
        } catch (SqlScriptException e) {
            throw new SqlScriptException(e.script(), e.line(), "migration " + migration.version() + " ("
                    + migration.description() + ") cannot run, so nothing was " + (undo ? "rolled back" : "applied")
                    + " in this run: " + e.problem(), e);
        }
    }

    /** Loads and checks every script the run will execute, before anything runs. */
    static void checkBeforeRun(List<MigrationDescriptor> migrations, boolean undo) {
        for (MigrationDescriptor migration : migrations) {
            if (!undo || migration.reversible()) {
                statements(migration, undo);
            }
        }
    }
}
