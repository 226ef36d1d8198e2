package dev.cairn.spring.boot;

import dev.cairn.runtime.Migrator;
import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link Migrator} beans initialise the database, so that everything that
 * depends on database initialisation (JPA, JDBC users, {@code spring.sql.init}) is created after them.
 */
class CairnDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(Migrator.class);
    }
}
