package com.example.minimal.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

/** A Java migration after the SQL script that creates the table: data, written in Java. */
@Migration(version = 2, dependsOn = 1)
public final class AddWelcomeNote implements JavaMigration {

    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("INSERT INTO notes (id, body) VALUES (1, 'Welcome to Cairn')");
    }

    @Override
    public void down(MigrationContext context) throws Exception {
        context.execute("DELETE FROM notes WHERE id = 1");
    }
}
