package dev.cairn.runtime;

import java.util.List;

/**
 * A rollback would have to undo a migration that does not implement
 * {@link JavaMigration#down}, or a SQL script migration without an undo script. Cairn checks this before running anything, so the database is
 * untouched when this is thrown.
 *
 * <pre>{@code
 * try {
 *     migrator.rollback(3);
 * } catch (IrreversibleMigrationException e) {
 *     e.irreversible();   // e.g. [5 (Drop legacy tables)]
 * }
 * }</pre>
 */
public class IrreversibleMigrationException extends CairnException {

    private static final long serialVersionUID = 1L;

    private final transient List<MigrationDescriptor> irreversible;

    /** Creates the exception for the target and the migrations that block it. */
    IrreversibleMigrationException(MigrationVersion target, List<MigrationDescriptor> irreversible) {
        super(message(target, irreversible));
        this.irreversible = List.copyOf(irreversible);
    }

    /** The migrations that would have to be undone but cannot be. */
    public List<MigrationDescriptor> irreversible() {
        return irreversible;
    }

    private static String message(MigrationVersion target, List<MigrationDescriptor> irreversible) {
        boolean anySql = false;
        for (MigrationDescriptor migration : irreversible) {
            anySql |= migration.script().isPresent();
        }
        StringBuilder text = new StringBuilder("Cannot roll back to version ").append(target).append(anySql
                ? ": these applied migrations cannot be undone (a Java migration without down(), a SQL migration "
                        + "without undo script): "
                : ": these applied migrations do not implement down() and cannot be undone: ");
        for (int i = 0; i < irreversible.size(); i++) {
            MigrationDescriptor migration = irreversible.get(i);
            text.append(i == 0 ? "" : ", ").append(migration.version()).append(" (").append(migration.className()).append(')');
        }
        return text.append(". Nothing was rolled back. ").append(anySql
                        ? "Implement down() in the Java ones, add an undo script to the SQL ones"
                        : "Implement down() in them")
                .append(", or choose a target that depends on them.")
                .toString();
    }
}
