package dev.cairn.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.MigrationState;
import dev.cairn.runtime.Migrator;
import dev.cairn.spring.boot.shop.BookCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The whole path in a started application, on each database: migrations before the JdbcClient bean and
 * spring.sql.init, Java migrations with Spring beans, and the Actuator endpoint and health over HTTP.
 * Subclasses give the database; each starts one context, reused by every test.
 */
abstract class ShopApplicationTests {

    @Autowired
    BookCatalog catalog;

    @Autowired
    Migrator migrator;

    @LocalServerPort
    int port;

    private JsonNode get(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void beansReadingTheDatabaseAtStartUpSeeTheMigratedTableAndSqlInitRanAfterCairn() {
        assertThat(catalog.titlesAtStartUp()).containsExactly("Dune", "Emma", "From spring.sql.init");
    }

    @Test
    void everyMigrationIsApplied() {
        assertThat(migrator.info().migrations()).extracting(m -> m.state())
                .containsExactly(MigrationState.APPLIED, MigrationState.APPLIED);
    }

    @Test
    void theActuatorEndpointListsEveryMigrationWithItsStateAndChecksum() throws Exception {
        JsonNode migrations = get("/actuator/cairn", 200).path("migrators").path("cairnMigrator");
        assertThat(migrations.size()).isEqualTo(2);
        JsonNode script = migrations.get(0);
        assertThat(script.path("version").asString()).isEqualTo("1");
        assertThat(script.path("description").asString()).isEqualTo("Create book");
        assertThat(script.path("state").asString()).isEqualTo("APPLIED");
        assertThat(script.path("source").asString()).isEqualTo("db/shop/V1__create_book.sql");
        assertThat(script.path("checksum").asString()).matches("sha256:[0-9a-f]{64}");
        assertThat(script.path("checksumMatches").asBoolean()).isTrue();
        assertThat(script.path("installedOn").isMissingNode() || script.path("installedOn").isNull()).isFalse();
        assertThat(script.path("executionTimeMillis").isNumber()).isTrue();
        JsonNode java = migrations.get(1);
        assertThat(java.path("version").asString()).isEqualTo("2");
        assertThat(java.path("source").asString()).isEqualTo("dev.cairn.spring.boot.shop.SeedBooks");
    }

    @Test
    void theHealthIndicatorIsUpWithNothingPendingOrFailed() throws Exception {
        JsonNode health = get("/actuator/health/cairn", 200);
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("details").path("migrations").asInt()).isEqualTo(2);
        assertThat(health.path("details").path("pending").size()).isZero();
        assertThat(health.path("details").path("failed").size()).isZero();
    }
}
