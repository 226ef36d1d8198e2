package dev.cairn.spring.boot;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that the {@link CairnMigrationInitializer} initialises the database. Its order, one
 * after {@link CairnDatabaseInitializerDetector}'s, puts it in the batch after the Migrator beans, as
 * Spring Boot does for Flyway; {@code spring.sql.init} scripts come later still.
 */
class CairnMigrationInitializerDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(CairnMigrationInitializer.class);
    }

    @Override
    public int getOrder() {
        return 1;
    }
}
