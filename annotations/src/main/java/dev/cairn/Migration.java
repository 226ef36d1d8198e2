package dev.cairn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a database migration and places it in the migration graph.
 *
 * <p>The Cairn annotation processor checks every {@code @Migration} of a compilation together:
 * duplicate versions, unknown dependencies, cycles and malformed classes are compile errors on
 * the offending line. It then generates a {@code MigrationRegistry} listing every migration, so
 * the runtime needs neither reflection nor classpath scanning.
 *
 * <pre>{@code
 * @Migration(version = 2, dependsOn = 1)
 * public final class AddUserEmail implements JavaMigration {
 *     @Override
 *     public void up(MigrationContext context) throws Exception {
 *         context.execute("ALTER TABLE users ADD COLUMN email TEXT");
 *     }
 * }
 * }</pre>
 *
 * <p>A merge depends on several migrations: {@code @Migration(version = 5, dependsOn = {3, 4})}.
 * Versions are {@code long}, so timestamp versions such as {@code 20251119143022} work.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Migration {

    /** The migration's unique, positive version. */
    long version();

    /**
     * The versions this migration depends on: each must be applied before this one. Empty for a
     * root of the graph.
     */
    long[] dependsOn() default {};

    /**
     * A human-readable description for the history table and the CLI. Empty means derived from
     * the class name: {@code AddUserEmail} becomes "Add user email".
     */
    String description() default "";

    /**
     * Whether the migration and its history row run in one transaction. Set to {@code false} for
     * statements that cannot run inside a transaction, such as PostgreSQL's
     * {@code CREATE INDEX CONCURRENTLY} or SQLite's {@code VACUUM}.
     */
    boolean transactional() default true;
}
