package dev.cairn.spring.boot.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application the {@code @SpringBootTest}s start. Without JPA: Hibernate has no SQLite dialect, and
 * the JPA slice has its own application ({@code dev.cairn.spring.boot.jpa}).
 */
@SpringBootApplication(excludeName = {"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"})
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
