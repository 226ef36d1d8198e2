package dev.cairn.runtime;

import static dev.cairn.runtime.testing.Versions.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A folder script added with a version below applied ones (issue 20 §4: plain migrate said
 * 1011 "is not applied … apply 1011 again", though 1011 had never been applied). By the folder's
 * rule the next script depends on it, yet that script ran without it.
 */
class OutOfOrderTest {

    /** V1010 and V1012 as first deployed: 1012 depends on the script before it, 1010. */
    private static final Registry FIRST = TestRegistry.builder()
            .migration(1010).up("CREATE TABLE a (id INT)")
            .migration(1012).dependsOn(1010).up("CREATE TABLE c (id INT)")
            .build();

    /** The same folder after V1011 was merged: 1012 now depends on it by the folder's rule. */
    private static final Registry WITH_LATE_SCRIPT = TestRegistry.builder()
            .migration(1010).up("CREATE TABLE a (id INT)")
            .migration(1011).dependsOn(1010).up("CREATE TABLE b (id INT)")
            .migration(1012).dependsOn(1011).up("CREATE TABLE c (id INT)")
            .migration(1013).dependsOn(1012).up("CREATE TABLE d (id INT)")
            .build();

    private static List<String> events(TestDatabase database) throws Exception {
        return database.column("SELECT concat(version, ':', event) FROM cairn_schema_history ORDER BY installed_rank");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void aLateMigrationIsRefusedWithATrueMessage(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator.builder(FIRST).dataSource(database.dataSource()).build().migrate();
            Migrator migrator = Migrator.builder(WITH_LATE_SCRIPT).dataSource(database.dataSource()).build();

            ValidationException failure = assertThrows(ValidationException.class, migrator::migrate);

            List<ValidationProblem> problems = failure.report().problems();
            assertEquals(1, problems.size(), problems.toString());
            assertEquals(ValidationProblem.Kind.OUT_OF_ORDER, problems.get(0).kind());
            assertEquals(1011, problems.get(0).version().asLong());
            String message = problems.get(0).message();
            assertTrue(message.contains("has never been applied, but migration 1012, which depends on it, is applied"),
                    message);
            assertTrue(message.contains("outOfOrder(true) (CLI: migrate --out-of-order)"), message);
            assertFalse(message.contains("again"), message);
            assertEquals(List.of("1010:APPLY", "1012:APPLY"), events(database));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB", "H2"})
    void outOfOrderAppliesItAfterWhatIsApplied(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator.builder(FIRST).dataSource(database.dataSource()).build().migrate();
            Migrator migrator = Migrator.builder(WITH_LATE_SCRIPT).dataSource(database.dataSource())
                    .outOfOrder(true).build();

            assertTrue(migrator.validate().isValid(), migrator.validate().problems().toString());
            MigrationReport report = migrator.migrate();

            assertEquals(versions(1011, 1013), report.applied().stream().map(m -> m.migration().version()).collect(
                    java.util.stream.Collectors.toList()));
            assertEquals(List.of("1010:APPLY", "1012:APPLY", "1011:APPLY", "1013:APPLY"), events(database));
            assertTrue(Migrator.builder(WITH_LATE_SCRIPT).dataSource(database.dataSource()).build().validate().isValid(),
                    "once applied, the late migration is no problem without the setting either");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE"})
    void aTargetAppliesItOnRequest(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Migrator.builder(FIRST).dataSource(database.dataSource()).build().migrate();

            Migrator.builder(WITH_LATE_SCRIPT).dataSource(database.dataSource()).build().migrate(1011);

            assertEquals(List.of("1010:APPLY", "1012:APPLY", "1011:APPLY"), events(database));
        }
    }
}
