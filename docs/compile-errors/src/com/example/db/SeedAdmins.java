package com.example.db;

import dev.cairn.Migration;

@Migration(version = 4, dependsOn = 1)
public final class SeedAdmins {
    public void up() {
    }
}
