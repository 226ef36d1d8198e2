package dev.cairn.sample.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample on PostgreSQL, chosen by properties only (a throwaway cluster from the runtime's test jar). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class BookshopPostgresTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        properties.add("spring.datasource.url", database::jdbcUrl);
    }

    @Autowired
    CatalogAtStartUp catalog;

    @Test
    void theCatalogueReadAtStartUpHasTheSeededBooks() {
        assertThat(catalog.books()).extracting(BookRepository.Book::author)
                .containsExactly("Jane Austen", "Jane Austen", "Frank Herbert");
    }
}
