package dev.cairn.sample.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

/**
 * The orders of the shop's previous system: {@value #ORDERS} of them, imported into a table of their
 * own, {@code order_archive}. The old system never stored an order's total, so {@code total_cents}
 * stays empty here; the batched migration 13 ({@link BackfillOrderTotals}) fills it. The table and
 * its column come first, in this ordinary migration, because a batch must hold only DML: on
 * MariaDB, MySQL and H2 a DDL statement would commit half a batch.
 *
 * <p>The rows are generated in SQL, by one {@code INSERT ... SELECT} over a cross join of digit
 * tables, which every database Cairn supports runs the same way (a recursive CTE would stop at
 * MySQL's recursion limit of 1,000). Deterministic, so every database gets the same rows.
 */
@Migration(version = 12, dependsOn = 11)
public final class ImportOrderArchive implements JavaMigration {
    static final int ORDERS = 200_000;

    private static final String DIGITS = "(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 "
            + "UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 "
            + "UNION ALL SELECT 9)";

    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("CREATE TABLE order_archive ("
                + "id INTEGER PRIMARY KEY, "
                + "book_id INTEGER NOT NULL, "
                + "quantity INTEGER NOT NULL, "
                + "unit_price_cents INTEGER NOT NULL, "
                + "total_cents INTEGER)");
        // 1 .. 200,000: five digits (0 .. 99,999) and a sixth that is 0 or 1.
        context.execute("INSERT INTO order_archive (id, book_id, quantity, unit_price_cents) "
                + "SELECT n, 1 + n % 50, 1 + n % 3, 500 + (n * 37) % 2500 FROM ("
                + "SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d AS n "
                + "FROM " + DIGITS + " a CROSS JOIN " + DIGITS + " b CROSS JOIN " + DIGITS + " c CROSS JOIN "
                + DIGITS + " e CROSS JOIN " + DIGITS + " f CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1) g) numbers");
    }

    @Override
    public void down(MigrationContext context) throws Exception {
        context.execute("DROP TABLE order_archive");
    }

    @Override
    public void verify(MigrationContext context) throws Exception {
        long count = SampleQueries.count(context, "SELECT COUNT(*) FROM order_archive");
        if (count != ORDERS) {
            throw new IllegalStateException("expected " + ORDERS + " archived orders after the import, found " + count);
        }
    }
}
