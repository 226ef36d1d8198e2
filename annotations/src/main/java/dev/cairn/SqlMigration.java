package dev.cairn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one SQL script as a database migration. The script joins the same graph as the
 * {@link Migration} classes: a Java migration may depend on a script and a script on a Java
 * migration, and every graph check (duplicate versions, unknown dependencies, cycles) covers both.
 *
 * <p>Put it on any type, or on a {@code package-info.java} to keep scripts beside the migrations'
 * package; it is repeatable:
 *
 * <pre>{@code
 * @SqlMigration(version = 1, script = "db/migration/V1__create_users.sql")
 * @SqlMigration(version = 3, dependsOn = 2, script = "db/migration/V3__index_user_email.sql",
 *         undo = "db/migration/U3__index_user_email.sql")
 * package com.example.db;
 *
 * import dev.cairn.SqlMigration;
 * }</pre>
 *
 * <p>The script is a class-path resource (in Maven: {@code src/main/resources/db/migration/...}),
 * named without a leading {@code /}. At compile time the processor reads it and reports, on this
 * annotation, a script that is missing, not UTF-8, empty, has an unterminated quote or comment, or
 * contains transaction control ({@code BEGIN}, {@code COMMIT}, {@code ROLLBACK}): Cairn runs each
 * migration and its history row in one transaction itself. The registry records a checksum of the
 * normalized script, and the runtime refuses to run a script that changed since compilation.
 *
 * <p>Each statement ends with {@code ;}. Quotes, {@code --} and {@code /* *}{@code /} comments,
 * PostgreSQL dollar quotes and SQLite {@code CREATE TRIGGER ... BEGIN ... END;} bodies are
 * understood, so a {@code ;} inside them does not end a statement.
 *
 * <p>For a folder of numbered scripts, see {@link SqlMigrationDirectory}.
 */
@Documented
// CLASS, as @Migration: Gradle's incremental compilation hands unchanged files to the processor as
// class files, where SOURCE annotations are gone (Gradle then falls back to a full recompile).
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Repeatable(SqlMigrations.class)
public @interface SqlMigration {

    /**
     * The migration's unique, positive version, shared with {@link Migration} versions. Give this
     * or {@link #dottedVersion()}, not both; 0, the default, means not given.
     */
    long version() default 0;

    /**
     * The version when it has parts ({@code "1.10"} or {@code "1_10"}), instead of
     * {@link #version()}; ordered part by part, as Flyway orders them. Empty means not given.
     *
     * <pre>{@code
     * @SqlMigration(dottedVersion = "1.10", dependsOnDotted = "1.9", script = "db/migration/V1_10__add_index.sql")
     * }</pre>
     */
    String dottedVersion() default "";

    /** The versions (SQL or Java migrations) that must be applied before this one. */
    long[] dependsOn() default {};

    /**
     * Versions with parts ({@code "1.9"}) that must be applied before this one, in addition to
     * {@link #dependsOn()}.
     */
    String[] dependsOnDotted() default {};

    /**
     * The script as a class-path resource name, e.g. {@code "db/migration/V3__add_index.sql"}.
     */
    String script();

    /**
     * A description for the history table and the CLI. Empty means derived from the file name:
     * {@code V3__add_index.sql} and {@code 003_add_index.sql} become "Add index".
     */
    String description() default "";

    /**
     * Whether the script and its history row run in one transaction. Set to {@code false} for
     * statements that cannot run in a transaction, such as PostgreSQL's
     * {@code CREATE INDEX CONCURRENTLY}.
     */
    boolean transactional() default true;

    /**
     * A script that undoes this one, run by rollback; empty for none. When empty and the script is
     * named {@code V<version>__<description>.sql}, a {@code U<version>__<description>.sql} beside
     * it is used. Without an undo script the migration is irreversible.
     */
    String undo() default "";
}
