package com.example.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

@Migration(version = 2, dependsOn = 7)
public final class AddOrders implements JavaMigration {
    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER)");
    }
}
