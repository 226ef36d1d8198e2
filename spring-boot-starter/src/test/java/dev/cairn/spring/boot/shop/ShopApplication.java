package dev.cairn.spring.boot.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The application the {@code @SpringBootTest}s start. */
@SpringBootApplication
public class ShopApplication {

    @Bean
    BookTitles bookTitles() {
        return BookTitles.of("Dune", "Emma");
    }

    @Bean
    BookCatalog bookCatalog(JdbcClient jdbc) {
        return new BookCatalog(jdbc);
    }
}
