package dev.cairn.runtime.internal.run;

import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.SqlScriptException;
import dev.cairn.runtime.SqlStatement;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.sql.Placeholders;
import dev.cairn.runtime.internal.sql.SqlScriptMigration;
import java.util.List;

/**
 * The engine's view of SQL script migrations: their statements for a dry run, and the check that
 * every script of a run is on the class path, unchanged since compilation and free of transaction
 * control before the first statement of the run executes. Creating a {@code SqlScriptMigration}
 * loads no application class, so this keeps Java migrations lazily loaded.
 */
public final class SqlScripts {

    private SqlScripts() {
    }

    /**
     * The statements {@code migration} would run ({@code undo}: its undo script's), or null when it
     * is not a SQL script migration.
     *
     * @throws SqlScriptException naming the migration when its script is missing, changed or refused
     */
    public static List<SqlStatement> statements(MigrationDescriptor migration, boolean undo,
            Placeholders placeholders) {
        if (migration.script().isEmpty()) {
            return null;
        }
        JavaMigration instance = migration.newInstance();
        if (!(instance instanceof SqlScriptMigration)) {
            return null;
        }
        SqlScriptMigration script = (SqlScriptMigration) instance;
        try {
            return undo ? script.undoStatements(placeholders) : script.statements(placeholders);
        } catch (SqlScriptException e) {
            throw ApiValues.get().sqlScriptProblem(e.script(), e.line(), "migration " + migration.version() + " ("
                    + migration.description() + ") cannot run, so nothing was " + (undo ? "rolled back" : "applied")
                    + " in this run: " + e.problem(), e);
        }
    }

    /** Loads and checks every script the run will execute, before anything runs. */
    public static void checkBeforeRun(List<MigrationDescriptor> migrations, boolean undo, Placeholders placeholders) {
        for (MigrationDescriptor migration : migrations) {
            if (!undo || migration.reversible()) {
                statements(migration, undo, placeholders);
            }
        }
    }
}
