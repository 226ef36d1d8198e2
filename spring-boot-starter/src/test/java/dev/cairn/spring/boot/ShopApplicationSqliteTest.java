package dev.cairn.spring.boot;

import dev.cairn.spring.boot.shop.ShopApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ShopApplicationTests} on a SQLite file, through Spring Boot's own DataSource (HikariCP). */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopApplicationSqliteTest extends ShopApplicationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) throws IOException {
        Path file = Files.createTempDirectory("cairn-spring").resolve("shop.db");
        properties.add("spring.datasource.url", () -> "jdbc:sqlite:" + file);
    }
}
