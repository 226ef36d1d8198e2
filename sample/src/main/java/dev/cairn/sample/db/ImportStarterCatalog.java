package dev.cairn.sample.db;

import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import java.sql.PreparedStatement;

/**
 * Fills the catalogue with {@value #BOOKS} generated books, so the later data migration has
 * something to chew on. Generated deterministically: every database gets the same rows.
 */
@Migration(version = 2, dependsOn = 1)
public final class ImportStarterCatalog implements JavaMigration {
    static final int BOOKS = 1_000;

    private static final String[] ADJECTIVES = {"Silent", "Crimson", "Hidden", "Last", "Northern", "Paper", "Quiet", "Winter"};
    private static final String[] NOUNS = {"Harbour", "Garden", "Cartographer", "Lighthouse", "Orchard", "Library", "River"};
    private static final String[] AUTHORS = {"Ada Byrne", "Tomas Ruiz", "Mei Lin", "Olu Adeyemi", "Freya Holm", "Iris Novak"};

    @Override
    public void up(MigrationContext context) throws Exception {
        try (PreparedStatement insert = context.connection().prepareStatement(
                "INSERT INTO books (id, title, author, price_cents) VALUES (?, ?, ?, ?)")) {
            for (int id = 1; id <= BOOKS; id++) {
                insert.setInt(1, id);
                insert.setString(2, "The " + ADJECTIVES[id % ADJECTIVES.length] + " " + NOUNS[id % NOUNS.length]
                        + " " + roman(1 + id / (ADJECTIVES.length * NOUNS.length)));
                insert.setString(3, AUTHORS[id % AUTHORS.length]);
                insert.setInt(4, 499 + (id * 37) % 2500);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public void down(MigrationContext context) throws Exception {
        context.execute("DELETE FROM books WHERE id <= ?", BOOKS);
    }

    @Override
    public void verify(MigrationContext context) throws Exception {
        long count = SampleQueries.count(context, "SELECT COUNT(*) FROM books");
        if (count < BOOKS) {
            throw new IllegalStateException("expected at least " + BOOKS + " books after the import, found " + count);
        }
    }

    /** Volume numbers read better than "The Quiet Garden 18". */
    private static String roman(int number) {
        String[] symbols = {"X", "IX", "V", "IV", "I"};
        int[] values = {10, 9, 5, 4, 1};
        StringBuilder out = new StringBuilder();
        int rest = number;
        for (int i = 0; i < values.length; i++) {
            while (rest >= values[i]) {
                out.append(symbols[i]);
                rest -= values[i];
            }
        }
        return out.toString();
    }
}
