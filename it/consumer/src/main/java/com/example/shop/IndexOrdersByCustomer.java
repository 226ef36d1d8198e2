package com.example.shop;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

/** The merge: depends on both branches. */
@Migration(version = 4, dependsOn = {2, 3}, description = "Index orders by customer")
public final class IndexOrdersByCustomer implements JavaMigration {
    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("CREATE INDEX orders_by_customer ON orders (customer_id)");
    }
}
