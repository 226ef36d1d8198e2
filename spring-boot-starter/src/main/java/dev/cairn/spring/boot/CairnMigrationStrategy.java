package dev.cairn.spring.boot;

import dev.cairn.runtime.Migrator;

/**
 * Replaces what the starter does at start-up ("migrate", or "validate" with {@code cairn.mode=validate}).
 * Declare one as a bean; it runs at the same point, before JPA, JDBC users and {@code spring.sql.init}
 * touch the database, and Spring beans are reachable from Java migrations ({@link CairnBeans}) while it runs.
 *
 * <pre>{@code
 * @Bean
 * CairnMigrationStrategy validateOnly() {
 *     return migrator -> {                      // migrations are applied by a separate job
 *         ValidationReport report = migrator.validate();
 *         if (!report.isValid()) {
 *             throw new IllegalStateException(report.describeProblems());
 *         }
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface CairnMigrationStrategy {

    /** Brings the database to where the application needs it, or checks that it is there. */
    void migrate(Migrator migrator);
}
