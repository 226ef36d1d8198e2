package dev.cairn.sample.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample on its default database, SQLite: migrated before the start-up read, served over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BookshopApplicationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) throws IOException {
        properties.add("bookshop.db", () -> uncheckedTempFile());
    }

    private static String uncheckedTempFile() {
        try {
            return Files.createTempDirectory("bookshop").resolve("bookshop.db").toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    CatalogAtStartUp catalog;

    @LocalServerPort
    int port;

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void theCatalogueReadAtStartUpHasTheSeededBooks() {
        assertThat(catalog.books()).extracting(BookRepository.Book::title).containsExactly("Emma", "Persuasion", "Dune");
    }

    @Test
    void booksAndTheCairnEndpointAnswerOverHttp() throws Exception {
        assertThat(get("/books")).contains("{\"title\":\"Dune\",\"author\":\"Frank Herbert\"}");
        assertThat(get("/actuator/cairn")).contains("\"description\":\"Seed catalog\"").contains("\"state\":\"APPLIED\"");
        assertThat(get("/actuator/health")).contains("\"cairn\":{\"details\":{\"migrations\":3,\"pending\":[],\"failed\":[]},\"status\":\"UP\"}");
    }
}
