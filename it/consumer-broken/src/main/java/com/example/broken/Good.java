package com.example.broken;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

@Migration(version = 1)
public final class Good implements JavaMigration {
    @Override
    public void up(MigrationContext context) {
    }
}
