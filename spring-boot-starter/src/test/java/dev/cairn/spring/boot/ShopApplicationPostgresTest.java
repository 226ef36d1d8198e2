package dev.cairn.spring.boot;

import dev.cairn.runtime.testing.PostgresServer;
import dev.cairn.spring.boot.shop.ShopApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ShopApplicationTests} on PostgreSQL: a throwaway cluster from the runtime's test jar
 * ({@link PostgresServer}; skipped without PostgreSQL binaries, failed on CI).
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopApplicationPostgresTest extends ShopApplicationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        properties.add("spring.datasource.url", database::jdbcUrl);
    }
}
