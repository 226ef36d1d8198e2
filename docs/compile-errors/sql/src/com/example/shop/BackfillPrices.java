package com.example.shop;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

@Migration(version = 3, dependsOn = 2)
public final class BackfillPrices implements JavaMigration {
    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("UPDATE products SET price = 0 WHERE price IS NULL");
    }
}
