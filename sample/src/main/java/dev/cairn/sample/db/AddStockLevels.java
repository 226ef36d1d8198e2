package dev.cairn.sample.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

/**
 * Feature branch "inventory": how many copies of each book are on the shelf.
 *
 * <p>Deliberately irreversible (no {@code down}): once the shop records stock counts, dropping
 * the column would destroy them. {@code rollback} refuses to cross this migration and says so,
 * before running anything.
 */
@Migration(version = 4, dependsOn = 2)
public final class AddStockLevels implements JavaMigration {

    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("ALTER TABLE books ADD COLUMN stock INTEGER NOT NULL DEFAULT 0");
        // Opening stock from the last stock-take: a deterministic stand-in for a spreadsheet import.
        context.execute("UPDATE books SET stock = (id * 13) % 9");
    }
}
