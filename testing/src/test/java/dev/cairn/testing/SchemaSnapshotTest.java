package dev.cairn.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.PostgresServer;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshots read every kind of object, normalised, the same on every run, without the history table. */
class SchemaSnapshotTest {

    private static final String[] SHOP = {
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)",
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id) "
                + "ON DELETE CASCADE, status TEXT DEFAULT 'new', total NUMERIC(10, 2))",
        "CREATE INDEX orders_by_customer ON orders (customer_id, status)",
        "CREATE VIEW open_orders AS SELECT id, customer_id FROM orders WHERE status = 'new'",
    };

    @Test
    void sqliteReadsTablesColumnsKeysIndexesViewsAndTriggers() {
        try (MigrationTester tester = MigrationTester.sqlite(TestRegistry.builder().migration(1).up("SELECT 1").build())) {
            tester.migrate(); // so that a history table exists, to be left out
            tester.execute(SHOP);
            tester.execute("CREATE TRIGGER orders_touch AFTER UPDATE ON orders BEGIN SELECT 1; END");

            List<String> facts = List.copyOf(tester.snapshot().facts());

            assertEquals(List.of(
                    "index orders_by_customer on orders (customer_id, status)",
                    "table customers",
                    "table customers: column email TEXT not null",
                    "table customers: column id INTEGER null primary key",
                    "table customers: unique (email)",
                    "table orders",
                    "table orders: column customer_id INTEGER not null",
                    "table orders: column id INTEGER null primary key",
                    "table orders: column status TEXT null default 'new'",
                    "table orders: column total NUMERIC(10, 2) null",
                    "table orders: foreign key (customer_id) references customers (id) on update no action on delete cascade",
                    "trigger orders_touch on orders: CREATE TRIGGER orders_touch AFTER UPDATE ON orders BEGIN SELECT 1; END",
                    "view open_orders: CREATE VIEW open_orders AS SELECT id, customer_id FROM orders WHERE status = 'new'"),
                    facts);
        }
    }

    @Test
    void theSameSchemaGivesTheSameTextEveryTime() {
        String first;
        try (MigrationTester tester = MigrationTester.sqlite(TestRegistry.builder().migration(1).up("SELECT 1").build())) {
            tester.execute(SHOP);
            first = tester.snapshot().text();
        }
        try (MigrationTester tester = MigrationTester.sqlite(TestRegistry.builder().migration(1).up("SELECT 1").build())) {
            tester.execute(SHOP);
            assertEquals(first, tester.snapshot().text());
            assertEquals(tester.snapshot(), SchemaSnapshot.parse(first));
        }
    }

    @Test
    void postgresReadsItsCatalogAndLeavesTheSchemaNameOut() {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        String text = null;
        for (int run = 0; run < 2; run++) {
            try (MigrationTester tester = MigrationTester.postgres(
                    TestRegistry.builder().migration(1).up("SELECT 1").build(),
                    database.jdbcUrlWithoutUser(), "postgres", null)) {
                tester.migrate();
                tester.execute("CREATE TABLE customers (id BIGSERIAL PRIMARY KEY, email TEXT NOT NULL UNIQUE)",
                        "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers (id), "
                                + "status TEXT DEFAULT 'new', total NUMERIC(10, 2))",
                        "CREATE INDEX orders_by_customer ON orders (customer_id, status)",
                        "CREATE VIEW open_orders AS SELECT id, customer_id FROM orders WHERE status = 'new'",
                        "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                        "CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()");
                SchemaSnapshot snapshot = tester.snapshot();
                List<String> facts = List.copyOf(snapshot.facts());
                assertTrue(facts.contains("table orders: column total numeric(10,2) null"), snapshot.text());
                assertTrue(facts.contains("table customers: column id bigint not null default "
                        + "nextval('customers_id_seq'::regclass)"), snapshot.text());
                assertTrue(facts.contains("table orders: FOREIGN KEY (customer_id) REFERENCES customers(id)"),
                        snapshot.text());
                assertTrue(facts.contains("table customers: UNIQUE (email)"), snapshot.text());
                assertTrue(facts.contains("index orders_by_customer on orders: CREATE INDEX orders_by_customer ON "
                        + "orders USING btree (customer_id, status)"), snapshot.text());
                assertTrue(facts.stream().anyMatch(f -> f.startsWith("trigger orders_touch on orders: ")), snapshot.text());
                assertTrue(facts.stream().anyMatch(f -> f.startsWith("function touch(): definition sha256 ")), snapshot.text());
                assertTrue(facts.stream().anyMatch(f -> f.startsWith("view open_orders: SELECT")), snapshot.text());
                assertTrue(facts.stream().noneMatch(f -> f.contains("cairn_schema_history") || f.contains("cairn_test_")),
                        snapshot.text());
                if (text != null) {
                    assertEquals(text, snapshot.text(), "two schemas built alike read alike");
                }
                text = snapshot.text();
            }
        }
    }
}
