package dev.cairn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares every script in a resource folder as a SQL migration, for teams that keep a directory of
 * numbered scripts. The scripts join the same graph as {@link Migration} classes and
 * {@link SqlMigration} scripts.
 *
 * <pre>{@code
 * @SqlMigrationDirectory(value = "db/migration", dependsOn = 1)
 * package com.example.db;
 *
 * import dev.cairn.SqlMigrationDirectory;
 * }</pre>
 *
 * <p>Rules for the files directly in the folder (subfolders are not read):
 * <ul>
 *   <li><b>Names.</b> {@code V<version>__<description>.sql} (Flyway's convention, two underscores) or
 *       {@code <version>_<description>.sql} (e.g. {@code 003_add_crm_features.sql}); the version is
 *       the number (leading zeros ignored), the description the rest with underscores as spaces
 *       ("Add crm features"). After {@code V} (and {@code U}) the version may have parts, as in
 *       Flyway: numbers separated by {@code .} or {@code _} up to the first {@code __}, so
 *       {@code V1_10__x.sql} and {@code V1.10__x.sql} are version 1.10, ordered part by part
 *       ({@code 1.9 < 1.10 < 2}) and shown as written with dots. {@code U<version>__<description>.sql} is the undo script of the
 *       migration with that version, run by rollback; a migration without one is irreversible.
 *   <li><b>Near misses are errors</b> ({@code [Cairn/SqlScriptName]}), so that no script is
 *       silently skipped: a {@code .sql} file whose name starts with a version but breaks the
 *       pattern, such as {@code V3_add.sql} (one underscore), {@code v3__add.sql} (lower-case
 *       {@code v}), {@code V3__.sql} (no description) or {@code V3__add.SQL}. Any other file (a
 *       README, {@code seed.sql}) gets a warning ({@code [Cairn/SqlIgnoredFile]}) that it is not a
 *       migration. Hidden files (starting with {@code .}) are ignored silently.
 *   <li><b>Dependencies.</b> A script may list them in a header comment among its leading comment
 *       lines: {@code -- depends-on: 2, 5, 1.10} (versions of SQL or Java migrations), or
 *       {@code -- depends-on:} with nothing for a root. Without a header, a script depends on the
 *       previous script of the folder by version, and the folder's lowest version depends on
 *       {@link #dependsOn()} (by default on nothing). So a plain numbered folder is one chain.
 *   <li><b>Transactions.</b> A header {@code -- transactional: false} runs the script outside a
 *       transaction (for PostgreSQL's {@code CREATE INDEX CONCURRENTLY}); the default is true.
 * </ul>
 *
 * <p>Every script is checked at compile time as for {@link SqlMigration}. The folder is found
 * through the compiler, in the class output, the class path or the source path (Maven copies
 * {@code src/main/resources} to the class output before compiling); builds that do not copy
 * resources first (Gradle) pass {@code -Acairn.resourceDirs=src/main/resources}.
 */
@Documented
// CLASS, as @Migration: Gradle's incremental compilation hands unchanged files to the processor as
// class files, where SOURCE annotations are gone (Gradle then falls back to a full recompile).
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface SqlMigrationDirectory {

    /** The folder as a class-path resource name, e.g. {@code "db/migration"}. */
    String value();

    /**
     * What the folder's lowest-versioned script depends on when it has no
     * {@code -- depends-on:} header, typically a Java migration that must run first. Empty: nothing.
     */
    long[] dependsOn() default {};

    /**
     * Versions with parts ({@code "1.9"}) the folder's lowest-versioned script depends on, in
     * addition to {@link #dependsOn()}.
     *
     * <pre>{@code
     * @SqlMigrationDirectory(value = "db/migration", dependsOnDotted = "1.9")
     * }</pre>
     */
    String[] dependsOnDotted() default {};
}
