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
 * Versions are {@code long}, so timestamp versions such as {@code 20251119143022} work. A version
 * with parts, as Flyway names them, is written as text:
 * {@code @Migration(dottedVersion = "1.10", dependsOnDotted = "1.9")}.
 *
 * <p>What the processor rejects, each with a stable code to search for:
 * <ul>
 *   <li>{@code [Cairn/InvalidVersion]} a version that is not positive, or a {@code dottedVersion} or
 *       {@code dependsOnDotted} text that is not a version ({@code "1..2"});
 *   <li>{@code [Cairn/MissingVersion]} neither {@code version} nor {@code dottedVersion};
 *   <li>{@code [Cairn/ConflictingVersions]} both {@code version} and {@code dottedVersion};
 *   <li>{@code [Cairn/DuplicateVersion]} a version used by two or more classes;
 *   <li>{@code [Cairn/UnknownDependency]} a {@code dependsOn} version that no migration has;
 *   <li>{@code [Cairn/SelfDependency]} a migration that depends on itself;
 *   <li>{@code [Cairn/DependencyCycle]} migrations that depend on each other in a loop, reported
 *       once as the whole path, e.g. {@code 10 (Alpha) -> 30 (Gamma) -> 20 (Beta) -> 10 (Alpha)};
 *   <li>{@code [Cairn/NotAClass]}, {@code [Cairn/AbstractMigration]},
 *       {@code [Cairn/NotAJavaMigration]}, {@code [Cairn/InnerClass]},
 *       {@code [Cairn/Inaccessible]}, {@code [Cairn/NoDefaultConstructor]}: a type the generated
 *       registry cannot instantiate with {@code new};
 *   <li>{@code [Cairn/RepeatedDependency]} (a warning) a version listed twice in {@code dependsOn}.
 * </ul>
 *
 * <p>The registry is generated as {@code MigrationRegistry} in the migrations' package, or their
 * longest common package; the compiler option {@code -Acairn.registry=com.example.db.Migrations}
 * chooses another name. Each migration's descriptor also carries a checksum of the class's source,
 * computed at compile time ignoring comments, formatting and this annotation, so that the runtime
 * can detect an applied migration that was edited later.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Migration {

    /**
     * The migration's unique, positive version. Give this or {@link #dottedVersion()}, not both;
     * 0, the default, means not given.
     */
    long version() default 0;

    /**
     * The version when it has parts, as Flyway writes them: {@code "1.10"} (or {@code "1_10"}),
     * numbers separated by dots or underscores, instead of {@link #version()}. Versions are
     * ordered part by part ({@code 1.9 < 1.10 < 2}), whole-number versions among them, and shown
     * as written with dots. Empty, the default, means not given.
     *
     * <pre>{@code
     * @Migration(dottedVersion = "1.10", dependsOnDotted = "1.9")
     * public final class AddIndex implements JavaMigration { ... }
     * }</pre>
     */
    String dottedVersion() default "";

    /**
     * The versions this migration depends on: each must be applied before this one. Empty for a
     * root of the graph. Migrations are applied in a topological order of this graph, ties broken
     * by ascending version.
     */
    long[] dependsOn() default {};

    /**
     * Versions with parts this migration depends on ({@code "1.9"}, {@code "17.1"}), in addition
     * to {@link #dependsOn()}: a migration depends on the versions of both.
     *
     * <pre>{@code
     * @Migration(version = 18, dependsOn = 17, dependsOnDotted = "17.1")
     * }</pre>
     */
    String[] dependsOnDotted() default {};

    /**
     * A human-readable description for the history table and the CLI. Empty means derived from
     * the class name: {@code AddUserEmail} becomes "Add user email", {@code V2AddSSLCerts} becomes
     * "V2 add SSL certs" and {@code create_users_table} becomes "Create users table".
     */
    String description() default "";

    /**
     * Whether the migration and its history row run in one transaction. Set to {@code false} for
     * statements that cannot run inside a transaction, such as PostgreSQL's
     * {@code CREATE INDEX CONCURRENTLY} or SQLite's {@code VACUUM}.
     */
    boolean transactional() default true;
}
