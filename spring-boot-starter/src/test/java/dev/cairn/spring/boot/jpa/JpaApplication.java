package dev.cairn.spring.boot.jpa;

import dev.cairn.spring.boot.shop.BookTitles;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The JPA slice's application: the shop's migrations (found through META-INF/cairn/registries) and one entity. */
@SpringBootApplication
public class JpaApplication {

    @Bean
    BookTitles bookTitles() {
        return BookTitles.of("Dune", "Emma");
    }
}
