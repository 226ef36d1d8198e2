package dev.cairn.sample.spring.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.sample.spring.CatalogSeed;
import dev.cairn.spring.boot.CairnBeans;
import java.util.Map;

/** Fills the catalogue from the application's {@link CatalogSeed} bean: a Java migration with a Spring bean. */
@Migration(version = 3, dependsOn = 2)
public class SeedCatalog implements JavaMigration {

    @Override
    public void up(MigrationContext context) throws Exception {
        int author = 0;
        int book = 0;
        for (Map.Entry<String, java.util.List<String>> entry : CairnBeans.get(CatalogSeed.class).booksByAuthor()
                .entrySet()) {
            context.execute("INSERT INTO author (id, name) VALUES (?, ?)", ++author, entry.getKey());
            for (String title : entry.getValue()) {
                context.execute("INSERT INTO book (id, title, author_id) VALUES (?, ?, ?)", ++book, title, author);
            }
        }
    }
}
