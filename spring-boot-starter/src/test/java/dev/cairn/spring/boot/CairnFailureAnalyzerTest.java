package dev.cairn.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationListener;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.spring.boot.shop.BookTitles;
import dev.cairn.spring.boot.shop.MigrationRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/** Each of Cairn's start-up failures, provoked on a real SQLite file, as Spring Boot reports it. */
@ExtendWith(OutputCaptureExtension.class)
class CairnFailureAnalyzerTest {

    @TempDir
    Path directory;

    private Path database;
    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp() {
        database = directory.resolve("shop.db");
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class))
                .withBean(DataSource.class, () -> CairnAutoConfigurationTest.sqlite(database))
                .withBean(BookTitles.class, () -> BookTitles.of("Dune", "Emma"));
    }

    private FailureAnalysis analysisOfStartUp(ApplicationContextRunner runner) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        runner.run(context -> {
            assertThat(context).hasFailed();
            analysis[0] = new CairnFailureAnalyzer().analyze(context.getStartupFailure());
        });
        assertThat(analysis[0]).as("a Cairn failure analysis").isNotNull();
        return analysis[0];
    }

    @Test
    void aFailingMigrationIsNamedWithTheDatabasesMessage() {
        FailureAnalysis analysis = analysisOfStartUp(
                runner.withBean("nullTitle", BookTitles.class, () -> new BookTitles(java.util.Arrays.asList("Dune", null)),
                        bean -> bean.setPrimary(true)));
        assertThat(analysis.getDescription()).contains("could not apply migration 2 (dev.cairn.spring.boot.shop.SeedBooks)")
                .containsIgnoringCase("NOT NULL");
        assertThat(analysis.getAction()).startsWith("Fix migration 2 (dev.cairn.spring.boot.shop.SeedBooks)");
    }

    @Test
    void aDatabaseNewerThanTheApplicationSaysToDeployTheNewerVersion() {
        runner.run(context -> assertThat(context).hasNotFailed());
        Registry onlyTheFirst = () -> List.of(MigrationRegistry.INSTANCE.migrations().get(0));
        FailureAnalysis analysis = analysisOfStartUp(runner.withBean(Registry.class, () -> onlyTheFirst));
        assertThat(analysis.getDescription()).contains("newer than the application");
        assertThat(analysis.getAction()).startsWith("Deploy the application version");
    }

    @Test
    void aDatabaseWithObjectsButNoHistorySuggestsTheBaselineProperty() throws Exception {
        try (Connection connection = CairnAutoConfigurationTest.sqlite(database).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE legacy (id INTEGER)");
        }
        FailureAnalysis analysis = analysisOfStartUp(runner);
        assertThat(analysis.getDescription()).contains("legacy");
        assertThat(analysis.getAction()).contains("cairn.baseline-version=<version>").contains("adopt-flyway");
    }

    @Test
    void anotherInstanceHoldingTheLockPastTheTimeoutIsAnalysed() throws Exception {
        CountDownLatch migrating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MigrationListener holdsTheLock = new MigrationListener() {
            @Override
            public void beforeMigration(MigrationDescriptor migration) {
                migrating.countDown();
                try {
                    release.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<?> firstInstance = first.submit(() -> runner.withBean(MigrationListener.class, () -> holdsTheLock)
                    .run(context -> assertThat(context).hasNotFailed()));
            assertThat(migrating.await(1, TimeUnit.MINUTES)).isTrue();
            FailureAnalysis analysis = analysisOfStartUp(runner.withPropertyValues("cairn.lock-timeout=500ms"));
            assertThat(analysis.getDescription()).contains("lock");
            assertThat(analysis.getAction()).contains("Another instance is migrating").contains("cairn.lock-timeout");
            release.countDown();
            firstInstance.get(1, TimeUnit.MINUTES);
        } finally {
            release.countDown();
            first.shutdownNow();
        }
    }

    /** A pending repair needs a killed non-transactional migration; the exception itself is made directly. */
    @Test
    void aPendingRepairSaysToRepair() {
        FailureAnalysis analysis = new CairnFailureAnalyzer().analyze(ApiValues.get().pendingRepair(
                "Migration 3 (AddIndex) failed outside a transaction and waits for repair.",
                ApiValues.get().validationReport(List.of())));
        assertThat(analysis.getDescription()).contains("Migration 3 (AddIndex)");
        assertThat(analysis.getAction()).contains("repair command");
    }

    @Test
    void theStartersOwnFailuresCarryTheirAction() {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        runner.withPropertyValues("cairn.mode=validate").run(context ->
                analysis[0] = new CairnStartupFailureAnalyzer().analyze(context.getStartupFailure()));
        assertThat(analysis[0].getDescription()).contains("2 pending migration(s)");
        assertThat(analysis[0].getAction()).contains("cairn.mode=migrate");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(CairnAutoConfiguration.class)
    static class FailingApplication {

        @Bean
        DataSource dataSource() {
            return CairnAutoConfigurationTest.sqlite(Path.of(System.getProperty("failing.db")));
        }

        @Bean
        BookTitles titles() {
            return new BookTitles(java.util.Arrays.asList((String) null));
        }
    }

    @Test
    void springBootPrintsTheAnalysisAndTheApplicationDoesNotStart(CapturedOutput output) {
        System.setProperty("failing.db", database.toString());
        try {
            SpringApplication application = new SpringApplication(FailingApplication.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            assertThatThrownBy(application::run).hasRootCauseInstanceOf(java.sql.SQLException.class);
        } finally {
            System.clearProperty("failing.db");
        }
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Cairn could not apply migration 2 (dev.cairn.spring.boot.shop.SeedBooks)")
                .contains("Fix migration 2");
    }
}
