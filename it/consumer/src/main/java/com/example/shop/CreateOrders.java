package com.example.shop;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

/** One branch of the graph. */
@Migration(version = 2, dependsOn = 1)
public final class CreateOrders implements JavaMigration {
    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL)");
    }
}
