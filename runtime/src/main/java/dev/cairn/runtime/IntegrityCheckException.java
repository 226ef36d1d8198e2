package dev.cairn.runtime;

import java.util.List;

/**
 * SQLite's {@code PRAGMA integrity_check} or {@code PRAGMA foreign_key_check}, run after the
 * migrations because {@link Migrator.Builder#integrityCheck(boolean)} asked for it, reported a
 * problem. The migrations of this run stay applied (each committed with its history row as it
 * finished); the finding is for a new migration, or for restoring the backup taken before the run.
 *
 * <pre>{@code
 * Migrator.builder(registry).jdbcUrl("jdbc:sqlite:app.db").integrityCheck(true).build().migrate();
 * }</pre>
 */
public class IntegrityCheckException extends CairnException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> findings;

    /** Creates the exception for the rows the checks reported. */
    IntegrityCheckException(List<String> findings) {
        super("The SQLite integrity check after migrating found problems: " + findings + ". The migrations of this "
                + "run are applied (each was committed with its history row; info() lists them). Fix the "
                + "inconsistency (often a foreign key pointing at missing rows) in a new migration, or restore the "
                + "backup taken before the run (Migrator.Builder.backup) and fix the migration that caused it.");
        this.findings = List.copyOf(findings);
    }

    /** What the checks reported, one line per finding. */
    public List<String> findings() {
        return findings;
    }
}
