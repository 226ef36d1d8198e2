package com.example.shop;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

@Migration(version = 1)
public final class CreateCustomers implements JavaMigration {
    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    }

    @Override
    public void down(MigrationContext context) throws Exception {
        context.execute("DROP TABLE customers");
    }
}
