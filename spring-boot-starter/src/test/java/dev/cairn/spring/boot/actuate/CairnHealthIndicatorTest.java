package dev.cairn.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.spring.boot.CairnAutoConfiguration;
import dev.cairn.spring.boot.CairnMigrationStrategy;
import dev.cairn.spring.boot.shop.BookTitles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.sqlite.SQLiteDataSource;

/** The cairn health indicator on a database with pending and with failed migrations. */
class CairnHealthIndicatorTest {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp() {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + directory.resolve("shop.db"));
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class,
                        CairnActuatorAutoConfiguration.class))
                .withBean(DataSource.class, () -> dataSource);
    }

    private Health healthWithoutMigrating() {
        Health[] health = new Health[1];
        runner.withBean(CairnMigrationStrategy.class, () -> migrator -> { }).run(context ->
                health[0] = context.getBean(CairnHealthIndicator.class).health(true));
        return health[0];
    }

    @Test
    void upWithThePendingMigrationsListed() {
        Health health = healthWithoutMigrating();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("pending", List.of("1 (Create book)", "2 (Seed books)"))
                .containsEntry("failed", List.of());
    }

    @Test
    void downWhileAMigrationIsRecordedAsFailed() {
        runner.withBean(BookTitles.class, () -> new BookTitles(Arrays.asList((String) null)))
                .run(context -> assertThat(context).hasFailed());
        Health health = healthWithoutMigrating();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("failed", List.of("2 (Seed books)"));
    }

    @Test
    void disabledWithManagementHealthCairnEnabledFalse() {
        runner.withPropertyValues("management.health.cairn.enabled=false")
                .withBean(CairnMigrationStrategy.class, () -> migrator -> { })
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CairnHealthIndicator.class));
    }
}
