package dev.cairn.sample.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;

/** The shop's catalogue. Plain SQL that SQLite and PostgreSQL both accept. */
@Migration(version = 1)
public final class CreateBooks implements JavaMigration {

    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("CREATE TABLE books ("
                + "id INTEGER PRIMARY KEY, "
                + "title TEXT NOT NULL, "
                // VARCHAR, not TEXT: MariaDB and MySQL index only a prefix of a TEXT column (7 indexes it).
                + "author VARCHAR(200) NOT NULL, "
                + "price_cents INTEGER NOT NULL CHECK (price_cents >= 0))");
    }

    @Override
    public void down(MigrationContext context) throws Exception {
        context.execute("DROP TABLE books");
    }
}
