package com.example.broken;

import dev.cairn.Migration;

@Migration(version = 40, dependsOn = 1)
public final class NotAMigration {
}
