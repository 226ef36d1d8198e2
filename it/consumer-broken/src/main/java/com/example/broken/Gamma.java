package com.example.broken;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

@Migration(version = 30, dependsOn = 20)
public final class Gamma implements JavaMigration {
    @Override
    public void up(MigrationContext context) {
    }
}
