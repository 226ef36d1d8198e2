package dev.cairn.spring.boot.shop;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.spring.boot.CairnBeans;

/** Seeds the book table with the titles of the application's {@link BookTitles} bean. */
@Migration(version = 2, dependsOn = 1)
public class SeedBooks implements JavaMigration {

    @Override
    public void up(MigrationContext context) throws Exception {
        int id = 0;
        for (String title : CairnBeans.get(BookTitles.class).titles()) {
            context.execute("INSERT INTO book (id, title) VALUES (?, ?)", ++id, title);
        }
    }
}
