package dev.cairn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The container of repeated {@link SqlMigration} annotations. The compiler writes it when
 * {@code @SqlMigration} appears more than once on one element; there is no need to use it directly.
 *
 * <pre>{@code
 * @SqlMigration(version = 1, script = "db/migration/V1__create_users.sql")
 * @SqlMigration(version = 2, dependsOn = 1, script = "db/migration/V2__add_email.sql")
 * package com.example.db;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface SqlMigrations {

    /** The repeated annotations, in source order. */
    SqlMigration[] value();
}
