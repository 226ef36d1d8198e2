package dev.cairn.runtime;

/**
 * A migration declared {@code transactional = false} failed in an earlier run. It ran outside a
 * transaction, so it may have left part of its work behind, and Cairn will not guess. Check the
 * database, undo or finish that migration's work by hand, then call {@link Migrator#repair()} and
 * migrate again.
 *
 * <pre>{@code
 * try {
 *     migrator.migrate();
 * } catch (PendingRepairException e) {
 *     // after fixing the database by hand:
 *     migrator.repair();
 *     migrator.migrate();
 * }
 * }</pre>
 */
public class PendingRepairException extends ValidationException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the failed migrations. */
    PendingRepairException(String headline, ValidationReport report) {
        super(headline, report);
    }
}
