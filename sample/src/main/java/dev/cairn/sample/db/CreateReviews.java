package dev.cairn.sample.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import java.sql.PreparedStatement;

/**
 * Feature branch "reviews": readers rate books from 1 to 5. Developed in parallel with
 * {@link AddStockLevels}; both depend only on the catalogue, so the graph branches here.
 */
@Migration(version = 3, dependsOn = 2)
public final class CreateReviews implements JavaMigration {

    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("CREATE TABLE reviews ("
                + "id INTEGER PRIMARY KEY, "
                + "book_id INTEGER NOT NULL REFERENCES books (id), "
                + "rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5), "
                + "body TEXT)");
        context.execute("CREATE INDEX reviews_book ON reviews (book_id)");
        // A few reviews for most books (every seventh has none), so ratings have something to average.
        try (PreparedStatement insert = context.connection().prepareStatement(
                "INSERT INTO reviews (id, book_id, rating, body) VALUES (?, ?, ?, ?)")) {
            int id = 0;
            for (int book = 1; book <= ImportStarterCatalog.BOOKS; book++) {
                if (book % 7 == 0) {
                    continue;
                }
                for (int n = 0; n < 1 + book % 3; n++) {
                    insert.setInt(1, ++id);
                    insert.setInt(2, book);
                    insert.setInt(3, 1 + (book * 31 + n * 17) % 5);
                    insert.setString(4, n == 0 ? "Could not put it down." : "Good, if a little long.");
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    @Override
    public void down(MigrationContext context) throws Exception {
        context.execute("DROP TABLE reviews");
    }
}
