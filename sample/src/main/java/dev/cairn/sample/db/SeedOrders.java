package dev.cairn.sample.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * A Java data migration that depends on a SQL one: it fills the {@code orders} table that the
 * script {@code V9__create_orders.sql} creates with {@value #ORDERS} generated orders, each at its
 * book's current price. Generated deterministically, so every database gets the same rows. It
 * does not need the {@code order_totals} view (10), so the graph has two heads: 10, and 11 with the
 * archive (12, 13) that follows it.
 */
@Migration(version = 11, dependsOn = 9)
public final class SeedOrders implements JavaMigration {
    static final int ORDERS = 600;

    private static final String[] CUSTOMERS = {"Nadia Okafor", "Sam O'Neill", "Lena Weber", "Ravi Shah", "Ana Sousa"};

    @Override
    public void up(MigrationContext context) throws Exception {
        // The prices are read once, then the orders inserted as one batch of plain VALUES: a batched
        // INSERT ... SELECT is something MariaDB's bulk protocol refuses.
        Map<Integer, Integer> prices = new HashMap<>();
        try (Statement statement = context.connection().createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, price_cents FROM books WHERE id <= 50")) {
            while (rows.next()) {
                prices.put(rows.getInt(1), rows.getInt(2));
            }
        }
        try (PreparedStatement insert = context.connection().prepareStatement(
                "INSERT INTO orders (id, book_id, customer, quantity, unit_price_cents, status) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= ORDERS; id++) {
                // Popular books get more orders: ids cluster on the first fifty books.
                int book = 1 + (id * id) % 50;
                insert.setInt(1, id);
                insert.setInt(2, book);
                insert.setString(3, CUSTOMERS[id % CUSTOMERS.length]);
                insert.setInt(4, 1 + id % 3);
                insert.setInt(5, prices.get(book));
                insert.setString(6, id % 10 == 0 ? "cancelled" : id % 4 == 0 ? "open" : "shipped");
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
