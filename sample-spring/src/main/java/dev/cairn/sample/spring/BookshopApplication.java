package dev.cairn.sample.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot bookshop migrated by the Cairn starter. SQLite by default ({@code bookshop.db} in the
 * working directory); PostgreSQL by properties:
 *
 * <pre>{@code
 * java -jar cairn-sample-spring.jar --spring.datasource.url=jdbc:postgresql://localhost/shop \
 *     --spring.datasource.username=shop --spring.datasource.password=...
 * }</pre>
 */
@SpringBootApplication
public class BookshopApplication {

    public static void main(String[] args) {
        SpringApplication.run(BookshopApplication.class, args);
    }
}
