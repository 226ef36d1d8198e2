package dev.cairn.sample.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * A data migration: adds {@code books.average_rating} and computes it in Java, in batches of
 * {@value #BATCH} books, reporting progress, so that the shop page no longer averages reviews on
 * every request. {@code verify} checks the post-condition inside the same transaction: every
 * reviewed book has a rating.
 */
@Migration(version = 5, dependsOn = 3)
public final class BackfillAverageRatings implements JavaMigration {
    private static final int BATCH = 250;

    @Override
    public void up(MigrationContext context) throws Exception {
        context.execute("ALTER TABLE books ADD COLUMN average_rating DOUBLE PRECISION");
        long highestId = SampleQueries.count(context, "SELECT COALESCE(MAX(id), 0) FROM books");
        try (PreparedStatement reviews = context.connection().prepareStatement(
                        "SELECT book_id, SUM(rating), COUNT(*) FROM reviews WHERE book_id > ? AND book_id <= ? GROUP BY book_id");
                PreparedStatement update = context.connection().prepareStatement(
                        "UPDATE books SET average_rating = ? WHERE id = ?")) {
            for (long from = 0; from < highestId; from += BATCH) {
                long to = Math.min(from + BATCH, highestId);
                reviews.setLong(1, from);
                reviews.setLong(2, to);
                try (ResultSet rows = reviews.executeQuery()) {
                    while (rows.next()) {
                        // Rounded to one decimal in Java, the way the shop displays it.
                        double average = Math.round(rows.getLong(2) * 10.0 / rows.getLong(3)) / 10.0;
                        update.setDouble(1, average);
                        update.setLong(2, rows.getLong(1));
                        update.addBatch();
                    }
                }
                update.executeBatch();
                context.progress("rated books " + (from + 1) + "-" + to + " of " + highestId);
            }
        }
    }

    @Override
    public void down(MigrationContext context) throws Exception {
        context.execute("ALTER TABLE books DROP COLUMN average_rating");
    }

    @Override
    public void verify(MigrationContext context) throws Exception {
        long unrated = SampleQueries.count(context, "SELECT COUNT(*) FROM books WHERE average_rating IS NULL "
                + "AND EXISTS (SELECT 1 FROM reviews WHERE reviews.book_id = books.id)");
        if (unrated > 0) {
            throw new IllegalStateException(unrated + " reviewed books have no average rating after the backfill");
        }
    }
}
