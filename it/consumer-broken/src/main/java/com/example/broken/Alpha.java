package com.example.broken;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

@Migration(version = 10, dependsOn = 30)
public final class Alpha implements JavaMigration {
    @Override
    public void up(MigrationContext context) {
    }
}
