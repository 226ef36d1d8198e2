package dev.cairn.runtime;

/**
 * A migration written in Java. Annotate the implementing class with {@code @dev.cairn.Migration}
 * so that the annotation processor registers it; the class needs a public no-argument
 * constructor and is instantiated only when it is about to run.
 *
 * <pre>{@code
 * @Migration(version = 3, dependsOn = 2)
 * public final class AddOrderIndex implements JavaMigration {
 *     @Override
 *     public void up(MigrationContext context) throws Exception {
 *         context.execute("CREATE INDEX orders_customer ON orders (customer_id)");
 *     }
 *
 *     @Override
 *     public void down(MigrationContext context) throws Exception {
 *         context.execute("DROP INDEX orders_customer");
 *     }
 * }
 * }</pre>
 */
public interface JavaMigration {

    /**
     * Applies the migration. Unless the migration is declared {@code transactional = false}, this
     * runs inside a transaction that also writes the history row and that Cairn commits.
     */
    void up(MigrationContext context) throws Exception;

    /**
     * Reverts {@link #up}. A migration that overrides this method is reversible; the processor
     * detects the override at compile time. The default refuses, so rollback past an irreversible
     * migration is rejected before anything runs.
     */
    default void down(MigrationContext context) throws Exception {
        throw new UnsupportedOperationException(
                getClass().getName() + " does not implement down(): it cannot be rolled back");
    }

    /**
     * A post-condition, checked after {@link #up} inside the same transaction. Throw to reject
     * the result; the migration is then rolled back and recorded as failed. The default checks
     * nothing.
     */
    default void verify(MigrationContext context) throws Exception {
    }
}
