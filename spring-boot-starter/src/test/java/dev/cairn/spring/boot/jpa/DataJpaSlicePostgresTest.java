package dev.cairn.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code @DataJpaTest} runs the migrations before JPA's EntityManagerFactory: Hibernate validates the
 * schema ({@code ddl-auto=validate}) when it starts, and fails on a missing table.
 */
@DataJpaTest(properties = {"spring.jpa.hibernate.ddl-auto=validate", "spring.sql.init.mode=never"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DataJpaSlicePostgresTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        properties.add("spring.datasource.url", database::jdbcUrl);
    }

    @Autowired
    BookRepository books;

    @Test
    void hibernateValidatedTheMigratedSchemaAndReadsTheSeededRows() {
        assertThat(books.findAll()).extracting(Book::getTitle).containsExactlyInAnyOrder("Dune", "Emma");
    }
}
