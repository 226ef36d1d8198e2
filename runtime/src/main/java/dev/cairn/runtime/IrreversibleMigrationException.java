package dev.cairn.runtime;

import java.util.List;

/**
 * A rollback would have to undo a migration that does not implement
 * {@link JavaMigration#down}. Cairn checks this before running anything, so the database is
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
    public IrreversibleMigrationException(long target, List<MigrationDescriptor> irreversible) {
        super(message(target, irreversible));
        this.irreversible = List.copyOf(irreversible);
    }

    /** The migrations that would have to be undone but cannot be. */
    public List<MigrationDescriptor> irreversible() {
        return irreversible;
    }

    private static String message(long target, List<MigrationDescriptor> irreversible) {
        StringBuilder text = new StringBuilder("Cannot roll back to version ").append(target)
                .append(": these applied migrations do not implement down() and cannot be undone: ");
        for (int i = 0; i < irreversible.size(); i++) {
            MigrationDescriptor migration = irreversible.get(i);
            text.append(i == 0 ? "" : ", ").append(migration.version()).append(" (").append(migration.className()).append(')');
        }
        return text.append(". Nothing was rolled back. Implement down() in them, or choose a target that depends on them.")
                .toString();
    }
}
