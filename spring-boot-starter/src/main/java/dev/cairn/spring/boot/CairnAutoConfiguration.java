package dev.cairn.spring.boot;

import dev.cairn.runtime.BatchedMigration;
import dev.cairn.runtime.InvalidConfigurationException;
import dev.cairn.runtime.MigrationListener;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.io.ResourceLoader;

/**
 * Runs the application's migrations at start-up, before anything else uses the database. Backs off
 * when {@code cairn.enabled=false}, when there is neither a DataSource nor {@code cairn.url}, and when
 * the application defines its own {@link Migrator} bean (then it runs it itself; Spring Boot still
 * orders JPA and JDBC users after that bean).
 */
// By name, Spring Boot 4's DataSourceAutoConfiguration and Spring Boot 3.5's: a class literal of one would
// fail to load on the other.
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"})
@ConditionalOnClass(Migrator.class)
@ConditionalOnBooleanProperty(name = "cairn.enabled", matchIfMissing = true)
@Conditional(CairnAutoConfiguration.DataSourceOrUrl.class)
@ConditionalOnMissingBean(Migrator.class)
@EnableConfigurationProperties(CairnProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
@ImportRuntimeHints(CairnRuntimeHints.class)
public final class CairnAutoConfiguration {

    /** The generated registry, unless the application defines a {@link Registry} bean. */
    @Bean
    @ConditionalOnMissingBean(Registry.class)
    Registry cairnRegistry(CairnProperties properties, ResourceLoader resourceLoader) {
        ClassLoader loader = resourceLoader.getClassLoader() != null ? resourceLoader.getClassLoader()
                : CairnAutoConfiguration.class.getClassLoader();
        return RegistryLocator.locate(loader, properties.getRegistry());
    }

    @Bean
    Migrator cairnMigrator(Registry registry, CairnProperties properties, ObjectProvider<DataSource> dataSource,
            ObjectProvider<MigrationListener> listeners) {
        PropertyChecks.check(properties);
        Migrator.Builder builder = Migrator.builder(registry);
        if (properties.getUrl() != null) {
            builder.jdbcUrl(properties.getUrl(), properties.getUser(), properties.getPassword());
        } else {
            DataSource unique = dataSource.getIfUnique();
            if (unique == null) {
                throw new CairnStartupException("The application has several DataSource beans and Cairn does "
                        + "not know which one to migrate.", "Mark one of them @Primary, or give Cairn its own "
                        + "connection with cairn.url, cairn.user and cairn.password.");
            }
            builder.dataSource(unique);
        }
        builder.historyTable(properties.getHistoryTable())
                .validateOnMigrate(properties.isValidateOnMigrate())
                .singleTransaction(properties.isSingleTransaction())
                .lockTimeout(properties.getLockTimeout())
                .outOfOrder(properties.isOutOfOrder())
                .integrityCheck(properties.getSqlite().isIntegrityCheck());
        if (properties.getHistorySchema() != null) {
            builder.historySchema(properties.getHistorySchema());
        }
        if (properties.getApplicationName() != null) {
            builder.applicationName(properties.getApplicationName());
        }
        if (properties.getInstalledBy() != null) {
            builder.installedBy(properties.getInstalledBy());
        }
        if (properties.getSqlite().getBackupDirectory() != null) {
            builder.backup(properties.getSqlite().getBackupDirectory(), properties.getSqlite().getBackupRetain());
        }
        properties.getPlaceholders().forEach(builder::placeholder);
        batchSettings(builder, registry, properties);
        listeners.orderedStream().forEach(builder::listener);
        try {
            return builder.build();
        } catch (InvalidConfigurationException e) {
            throw PropertyChecks.asPropertyProblem(properties, e);
        }
    }

    /**
     * {@code cairn.batch-size}, {@code cairn.batch-pause} and {@code cairn.batch-time-limit}: each overrides only
     * its part of every batched migration's own {@link BatchedMigration#batchSettings()}.
     */
    private static void batchSettings(Migrator.Builder builder, Registry registry, CairnProperties properties) {
        if (properties.getBatchSize() != null) {
            builder.batchSize(properties.getBatchSize());
        }
        if (properties.getBatchPause() != null) {
            builder.batchPause(properties.getBatchPause());
        }
        if (properties.getBatchTimeLimit() != null) {
            builder.batchTimeLimit(properties.getBatchTimeLimit());
        }
    }

    /** Migrates (or validates) at start-up, unless a {@link CairnMigrationStrategy} bean replaces it. */
    @Bean
    @ConditionalOnMissingBean
    CairnMigrationInitializer cairnMigrationInitializer(Migrator migrator, CairnProperties properties,
            ObjectProvider<CairnMigrationStrategy> strategy, BeanFactory beans) {
        return new CairnMigrationInitializer(migrator,
                strategy.getIfAvailable(() -> new DefaultMigrationStrategy(properties)), beans);
    }

    /** A DataSource to migrate, or a URL of Cairn's own. */
    static final class DataSourceOrUrl extends AnyNestedCondition {

        DataSourceOrUrl() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        private static final class DataSourceBean {
        }

        @ConditionalOnProperty("cairn.url")
        private static final class CairnUrl {
        }
    }
}
