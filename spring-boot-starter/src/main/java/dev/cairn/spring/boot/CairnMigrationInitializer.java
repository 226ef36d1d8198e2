package dev.cairn.spring.boot;

import dev.cairn.runtime.Migrator;
import java.util.Objects;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.Ordered;

/**
 * Runs the {@link CairnMigrationStrategy} when the application context creates this bean. The starter's
 * database-initializer detector names this bean, so Spring Boot makes JPA's EntityManagerFactory,
 * JdbcTemplate and JdbcClient users and {@code spring.sql.init} depend on it: they are created after the
 * migrations, as with Flyway's {@code FlywayMigrationInitializer}. The auto-configuration defines it; an
 * application that defines its own {@code Migrator} bean and still wants this behaviour declares one:
 *
 * <pre>{@code
 * @Bean
 * CairnMigrationInitializer cairnMigrationInitializer(Migrator migrator, BeanFactory beans) {
 *     return new CairnMigrationInitializer(migrator, Migrator::migrate, beans);
 * }
 * }</pre>
 */
public class CairnMigrationInitializer implements InitializingBean, Ordered {

    private final Migrator migrator;
    private final CairnMigrationStrategy strategy;
    private final BeanFactory beans;
    private int order;

    /**
     * @param beans what {@link CairnBeans} gives the migrations during the run
     */
    public CairnMigrationInitializer(Migrator migrator, CairnMigrationStrategy strategy, BeanFactory beans) {
        this.migrator = Objects.requireNonNull(migrator, "migrator");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.beans = Objects.requireNonNull(beans, "beans");
    }

    @Override
    public void afterPropertiesSet() {
        CairnBeans.run(beans, () -> strategy.migrate(migrator));
    }

    @Override
    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
    }
}
