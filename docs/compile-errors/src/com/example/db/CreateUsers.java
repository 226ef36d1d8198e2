package com.example.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

@Migration(version = 1)
public final class CreateUsers implements JavaMigration {
    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)");
    }
}
