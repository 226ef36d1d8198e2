package dev.cairn.sample.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

/**
 * The merge: the shop window shows books that are in stock (inventory branch) with their rating
 * (reviews branch), so it depends on both. Cairn applies it only once both branches are applied,
 * whatever order they were merged in.
 */
@Migration(version = 6, dependsOn = {4, 5}, description = "Create shop window view")
public final class CreateShopWindow implements JavaMigration {

    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("CREATE VIEW shop_window AS "
                + "SELECT id, title, author, price_cents, stock, average_rating "
                + "FROM books WHERE stock > 0");
    }

    @Override
    public void down(MigrationContext context) throws Exception {
        context.execute("DROP VIEW shop_window");
    }
}
