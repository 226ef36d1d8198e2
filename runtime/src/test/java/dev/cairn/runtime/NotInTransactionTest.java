package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A statement the database refuses inside a transaction, in a migration Cairn runs in one: the
 * failure keeps the database's words and names the setting that runs the migration outside a
 * transaction (issue 20: "cannot run inside a transaction block" said nothing of
 * {@code -- transactional: false}).
 */
class NotInTransactionTest {

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES"})
    void theFailureNamesTheSettingThatRunsTheMigrationOutsideATransaction(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Registry registry = TestRegistry.builder()
                    .migration(1).up("CREATE TABLE orders (id INT, customer_id INT)")
                    .migration(2).dependsOn(1).up(database.isSqlite() ? "VACUUM"
                            : "CREATE INDEX CONCURRENTLY orders_by_customer ON orders (customer_id)")
                    .build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                    () -> Migrator.builder(registry).dataSource(database.dataSource()).build().migrate());

            assertEquals(2, failure.version().asLong());
            String message = failure.getMessage();
            assertTrue(message.contains(database.isSqlite() ? "cannot VACUUM from within a transaction"
                    : "cannot run inside a transaction block"), message);
            assertTrue(message.contains("cannot run that statement inside a transaction: declare the migration "
                    + "transactional = false (in a script, a '-- transactional: false' header"), message);
            assertEquals(List.of("1:APPLY", "2:APPLY_FAILED"), database.column(
                    "SELECT concat(version, ':', event) FROM cairn_schema_history ORDER BY installed_rank"));
        }
    }
}
