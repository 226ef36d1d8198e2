package com.example.broken;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

@Migration(version = 2, dependsOn = 99)
public final class Orphan implements JavaMigration {
    @Override
    public void up(MigrationContext context) {
    }
}
