package dev.cairn.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshots and round trips on MariaDB, a database the test provides (MigrationTester.on). */
class MariaDbTesterTest {

    private static final Registry SHOP = TestRegistry.builder()
            .migration(1).up("CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL UNIQUE)")
                    .down("DROP TABLE customers")
            .migration(2).dependsOn(1).up("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, "
                    + "status VARCHAR(20) DEFAULT 'new', CONSTRAINT orders_customer FOREIGN KEY (customer_id) "
                    + "REFERENCES customers (id) ON DELETE CASCADE)").down("DROP TABLE orders")
            .migration(3).dependsOn(2).up("CREATE INDEX orders_by_status ON orders (status, id)")
                    .down("DROP INDEX orders_by_status ON orders")
            .migration(4).dependsOn(3).up("CREATE VIEW open_orders AS SELECT id FROM orders WHERE status = 'new'")
                    .down("DROP VIEW open_orders")
            .build();

    @Test
    void snapshotsReadMariaDbsCatalogAndEveryDownRoundTrips() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.MARIADB.open();
                MigrationTester tester = MigrationTester.on(SHOP, database.dataSource())) {
            assertEquals(List.of(1L, 2L, 3L, 4L), longs(tester.assertEveryMigrationRoundTrips().checked()));

            List<String> facts = List.copyOf(tester.snapshot().facts());
            assertTrue(facts.contains("table orders: column status varchar(20) null default 'new'"), facts.toString());
            assertTrue(facts.contains("table orders: foreign key (customer_id) references customers (id) on update "
                    + "restrict on delete cascade"), facts.toString());
            assertTrue(facts.contains("index orders_by_status on orders (status, id)"), facts.toString());
            assertTrue(facts.contains("index email on customers (email) unique"), facts.toString());
            assertTrue(facts.contains("table customers: primary key (id)"), facts.toString());
            assertTrue(facts.stream().anyMatch(f -> f.startsWith("view open_orders: select ")), facts.toString());
            assertTrue(facts.stream().noneMatch(f -> f.contains("cairn_schema_history")), facts.toString());
        }
    }

    @Test
    void aDownThatLeavesAnIndexBehindFailsWithTheDifference() throws Exception {
        Registry leaky = TestRegistry.builder()
                .migration(1).up("CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(20))")
                        .down("DROP TABLE orders")
                .migration(2).dependsOn(1).description("Index status").up("CREATE INDEX by_status ON orders (status)")
                        .down("SELECT 1")
                .build();
        try (TestDatabase database = TestDatabase.Kind.MARIADB.open();
                MigrationTester tester = MigrationTester.on(leaky, database.dataSource())) {
            AssertionError failure = assertThrows(AssertionError.class, tester::assertEveryMigrationRoundTrips);
            assertTrue(failure.getMessage().endsWith("\n  index by_status on orders (status) is new"),
                    failure.getMessage());
        }
    }

    private static List<Long> longs(List<MigrationVersion> versions) {
        return versions.stream().map(MigrationVersion::asLong).collect(java.util.stream.Collectors.toList());
    }
}
