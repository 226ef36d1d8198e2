package dev.cairn.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.testing.PostgresServer;
import dev.cairn.spring.boot.shop.BookCatalog;
import dev.cairn.spring.boot.shop.BookTitles;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two instances of an application starting together on one PostgreSQL database: both start, each migration runs once. */
class ConcurrentStartPostgresTest {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
            JdbcClientAutoConfiguration.class, CairnAutoConfiguration.class})
    static class Instance {

        @Bean
        BookTitles titles() {
            return BookTitles.of("Dune", "Emma");
        }

        @Bean
        BookCatalog catalog(JdbcClient jdbc) {
            return new BookCatalog(jdbc);
        }
    }

    @Test
    void twoInstancesStartingTogetherBothStartAndEachMigrationRunsOnce() throws Exception {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<ConfigurableApplicationContext>> starts = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                starts.add(threads.submit(() -> {
                    together.await();
                    return new SpringApplicationBuilder(Instance.class).web(WebApplicationType.NONE)
                            .properties("spring.datasource.url=" + database.jdbcUrl(), "spring.main.banner-mode=off")
                            .run();
                }));
            }
            for (Future<ConfigurableApplicationContext> start : starts) {
                try (ConfigurableApplicationContext context = start.get(2, TimeUnit.MINUTES)) {
                    assertThat(context.getBean(BookCatalog.class).titlesAtStartUp()).containsExactly("Dune", "Emma");
                }
            }
        } finally {
            threads.shutdownNow();
        }
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, count(*) FROM cairn_schema_history "
                        + "WHERE event = 'APPLY' GROUP BY version ORDER BY version")) {
            List<String> applied = new ArrayList<>();
            while (rows.next()) {
                applied.add(rows.getString(1) + "x" + rows.getInt(2));
            }
            assertThat(applied).containsExactly("1x1", "2x1");
        }
    }
}
