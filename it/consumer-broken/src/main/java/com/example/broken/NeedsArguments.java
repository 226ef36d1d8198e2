package com.example.broken;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

@Migration(version = 41, dependsOn = 1)
public final class NeedsArguments implements JavaMigration {
    private final String table;

    public NeedsArguments(String table) {
        this.table = table;
    }

    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("DROP TABLE " + table);
    }
}
