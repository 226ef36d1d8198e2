package com.example.broken;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

@Migration(version = 20, dependsOn = 10)
public final class Beta implements JavaMigration {
    @Override
    public void up(MigrationContext context) {
    }
}
