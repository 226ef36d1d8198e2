package dev.cairn.spring.boot.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code @JdbcTest} runs the migrations first, as it does Flyway's: the starter lists its auto-configuration
 * for {@code @AutoConfigureDataSourceInitialization}, which the JDBC and JPA slices import.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JdbcSliceTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) throws IOException {
        String file = Files.createTempDirectory("cairn-slice").resolve("slice.db").toString();
        properties.add("spring.datasource.url", () -> "jdbc:sqlite:" + file);
        properties.add("spring.sql.init.mode", () -> "never");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BookCatalog catalog;

    @Test
    void theSliceMigratedBeforeTheTestAndItsBeans() {
        assertThat(catalog.titlesAtStartUp()).containsExactly("Dune", "Emma");
        assertThat(jdbc.sql("SELECT count(*) FROM cairn_schema_history").query(Integer.class).single()).isPositive();
    }
}
