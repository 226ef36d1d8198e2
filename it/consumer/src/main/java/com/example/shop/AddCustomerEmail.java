package com.example.shop;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

/** The other branch. */
@Migration(version = 3, dependsOn = 1)
public final class AddCustomerEmail implements JavaMigration {
    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("ALTER TABLE customers ADD COLUMN email TEXT");
    }
}
