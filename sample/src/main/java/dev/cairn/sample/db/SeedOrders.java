package dev.cairn.sample.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import java.sql.PreparedStatement;

/**
 * A Java data migration that depends on a SQL one: it fills the {@code orders} table that the
 * script {@code V9__create_orders.sql} creates with {@value #ORDERS} generated orders, each at its
 * book's current price. Generated deterministically, so every database gets the same rows. It
 * does not need the {@code order_totals} view (10), so the graph has two heads, 10 and 11.
 */
@Migration(version = 11, dependsOn = 9)
public final class SeedOrders implements JavaMigration {
    static final int ORDERS = 600;

    private static final String[] CUSTOMERS = {"Nadia Okafor", "Sam O'Neill", "Lena Weber", "Ravi Shah", "Ana Sousa"};

    @Override
    public void up(MigrationContext context) throws Exception {
        // INSERT ... SELECT takes the price from the catalogue, in the database, on both dialects.
        try (PreparedStatement insert = context.connection().prepareStatement(
                "INSERT INTO orders (id, book_id, customer, quantity, unit_price_cents, status) "
                        + "SELECT ?, id, ?, ?, price_cents, ? FROM books WHERE id = ?")) {
            for (int id = 1; id <= ORDERS; id++) {
                insert.setInt(1, id);
                insert.setString(2, CUSTOMERS[id % CUSTOMERS.length]);
                insert.setInt(3, 1 + id % 3);
                insert.setString(4, id % 10 == 0 ? "cancelled" : id % 4 == 0 ? "open" : "shipped");
                // Popular books get more orders: ids cluster on the first fifty books.
                insert.setInt(5, 1 + (id * id) % 50);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public void down(MigrationContext context) throws Exception {
        context.execute("DELETE FROM orders WHERE id <= ?", ORDERS);
    }

    @Override
    public void verify(MigrationContext context) throws Exception {
        long count = SampleQueries.count(context, "SELECT COUNT(*) FROM orders");
        if (count < ORDERS) {
            throw new IllegalStateException("expected at least " + ORDERS + " orders after seeding, found " + count);
        }
    }
}
