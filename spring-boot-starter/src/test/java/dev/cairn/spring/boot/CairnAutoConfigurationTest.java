package dev.cairn.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationListener;
import dev.cairn.runtime.MigrationState;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import dev.cairn.spring.boot.shop.BookTitles;
import dev.cairn.spring.boot.shop.MigrationRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sqlite.SQLiteDataSource;

/** The auto-configuration's conditions, properties, back-off and strategy, on real SQLite files. */
class CairnAutoConfigurationTest {

    @TempDir
    Path directory;

    private Path database;
    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp() {
        database = directory.resolve("shop.db");
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class))
                .withBean(DataSource.class, () -> sqlite(database))
                .withBean(BookTitles.class, () -> BookTitles.of("Dune", "Emma"));
    }

    static DataSource sqlite(Path file) {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    private List<String> query(Path file, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = sqlite(file).getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private List<String> tables(Path file) throws SQLException {
        return query(file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    }

    @Test
    void migratesTheApplicationsDataSourceWithTheGeneratedRegistryAtStartUp() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Migrator.class)
                    .hasSingleBean(CairnMigrationInitializer.class);
            assertThat(context.getBean(Registry.class).getClass().getName())
                    .isEqualTo("dev.cairn.spring.boot.shop.MigrationRegistry");
            assertThat(query(database, "SELECT title FROM book ORDER BY id")).containsExactly("Dune", "Emma");
        });
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("cairn.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(Migrator.class);
            assertThat(tables(database)).isEmpty();
        });
    }

    @Test
    void backsOffWithoutADataSource() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Migrator.class));
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnMigrator() {
        runner.withBean("ownMigrator", Migrator.class,
                () -> Migrator.builder(() -> List.of()).dataSource(sqlite(database)).build()).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Migrator.class)
                            .doesNotHaveBean(CairnMigrationInitializer.class).doesNotHaveBean(Registry.class);
                    assertThat(tables(database)).isEmpty();
                });
    }

    @Test
    void anOwnMigratorRunsAtStartUpThroughAnInitializerBeanOfTheApplication() {
        runner.withBean("ownMigrator", Migrator.class, () -> Migrator.builder(
                MigrationRegistry.INSTANCE).dataSource(sqlite(database)).build())
                .withUserConfiguration(OwnInitializer.class).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(query(database, "SELECT title FROM book ORDER BY id")).containsExactly("Dune", "Emma");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnInitializer {

        @Bean
        CairnMigrationInitializer cairnMigrationInitializer(Migrator migrator,
                BeanFactory beans) {
            return new CairnMigrationInitializer(migrator, Migrator::migrate, beans);
        }
    }

    @Test
    void aRegistryBeanOfTheApplicationWinsOverTheGeneratedOne() {
        Registry empty = () -> List.of();
        runner.withBean(Registry.class, () -> empty).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Registry.class)).isSameAs(empty);
            assertThat(tables(database)).doesNotContain("book");
        });
    }

    @Test
    void aStrategyBeanReplacesMigrateAtStartUp() {
        AtomicReference<Migrator> given = new AtomicReference<>();
        runner.withBean(CairnMigrationStrategy.class, () -> given::set).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(given.get()).isSameAs(context.getBean(Migrator.class));
            assertThat(tables(database)).doesNotContain("book");
        });
    }

    @Test
    void migratesUpToTheTargetVersion() {
        runner.withPropertyValues("cairn.target=1").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(query(database, "SELECT count(*) FROM book")).containsExactly("0");
            assertThat(context.getBean(Migrator.class).info().pending()).extracting(m -> String.valueOf(m.version()))
                    .containsExactly("2");
        });
    }

    @Test
    void migratesCairnsOwnConnectionWhenUrlIsSet() {
        Path other = directory.resolve("other.db");
        runner.withPropertyValues("cairn.url=jdbc:sqlite:" + other).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(query(other, "SELECT count(*) FROM book")).containsExactly("2");
            assertThat(tables(database)).isEmpty();
        });
    }

    @Test
    void baselinesAnExistingDatabaseThenAppliesTheRest() throws SQLException {
        try (Connection connection = sqlite(database).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE book (id INTEGER PRIMARY KEY, title VARCHAR(200) NOT NULL)");
        }
        runner.withPropertyValues("cairn.baseline-version=1").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(query(database, "SELECT title FROM book ORDER BY id")).containsExactly("Dune", "Emma");
            assertThat(context.getBean(Migrator.class).info().migrations()).extracting(m -> m.state())
                    .containsExactly(MigrationState.BASELINED, MigrationState.APPLIED);
        });
    }

    @Test
    void validateModeStopsStartUpWhileMigrationsArePending() {
        runner.withPropertyValues("cairn.mode=validate").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(CairnStartupException.class)
                    .hasMessageContaining("2 pending migration(s): 1 (Create book), 2 (Seed books)");
            assertThat(tables(database)).doesNotContain("book");
        });
    }

    @Test
    void validateModeStartsOnAnUpToDateDatabase() {
        runner.run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("cairn.mode=validate").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theListenerBeansHearEveryMigration() {
        List<String> heard = new ArrayList<>();
        runner.withBean(MigrationListener.class, () -> new MigrationListener() {
            @Override
            public void beforeMigration(MigrationDescriptor migration) {
                heard.add(String.valueOf(migration.version()));
            }
        }).run(context -> assertThat(heard).containsExactly("1", "2"));
    }

    @Test
    void sqliteBackupAndIntegrityCheckProperties() throws Exception {
        Path backups = directory.resolve("backups");
        runner.withPropertyValues("cairn.sqlite.backup-directory=" + backups, "cairn.sqlite.integrity-check=true",
                "cairn.url=jdbc:sqlite:" + database).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(query(database, "SELECT count(*) FROM book")).containsExactly("2");
                });
        // The run that applied the migrations snapshotted the file first.
        try (var snapshots = Files.list(backups)) {
            assertThat(snapshots.count()).isEqualTo(1);
        }
    }

    @Test
    void invalidValuesStopStartUpNamingTheProperty() {
        assertInvalid("cairn.lock-timeout=-1s", "cairn.lock-timeout");
        assertInvalid("cairn.target=abc", "cairn.target");
        assertInvalid("cairn.baseline-version=0", "cairn.baseline-version");
        assertInvalid("cairn.history-table=no-dashes", "cairn.history-table");
        assertInvalid("cairn.user=owner", "cairn.user");
        runner.withPropertyValues("cairn.mode=sometimes").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(IllegalArgumentException.class);
            assertThat(findCause(context.getStartupFailure(), BindException.class).getName())
                    .hasToString("cairn.mode");
        });
    }

    private void assertInvalid(String property, String name) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            InvalidConfigurationPropertyValueException failure =
                    findCause(context.getStartupFailure(), InvalidConfigurationPropertyValueException.class);
            assertThat(failure.getName()).isEqualTo(name);
            assertThat(tables(database)).isEmpty();
        });
    }

    static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        throw new AssertionError("no " + type.getName() + " in " + failure, failure);
    }
}
