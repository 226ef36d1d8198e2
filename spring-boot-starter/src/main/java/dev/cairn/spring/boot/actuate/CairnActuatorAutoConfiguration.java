package dev.cairn.spring.boot.actuate;

import dev.cairn.runtime.Migrator;
import dev.cairn.spring.boot.CairnAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code /actuator/cairn} endpoint and the {@code cairn} health indicator, for the starter's
 * Migrator or the application's own.
 */
@AutoConfiguration(after = CairnAutoConfiguration.class)
@ConditionalOnClass(Migrator.class)
public final class CairnActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
    @ConditionalOnAvailableEndpoint(CairnEndpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnBean(Migrator.class)
        @ConditionalOnMissingBean
        CairnEndpoint cairnEndpoint(ApplicationContext context) {
            return new CairnEndpoint(context);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
    @ConditionalOnEnabledHealthIndicator("cairn")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnSingleCandidate(Migrator.class)
        @ConditionalOnMissingBean(name = "cairnHealthIndicator")
        CairnHealthIndicator cairnHealthIndicator(Migrator migrator) {
            return new CairnHealthIndicator(migrator);
        }
    }
}
