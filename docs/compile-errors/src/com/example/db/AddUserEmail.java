package com.example.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

@Migration(version = 2, dependsOn = 3)
public final class AddUserEmail implements JavaMigration {
    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("ALTER TABLE users ADD COLUMN email TEXT");
    }
}
