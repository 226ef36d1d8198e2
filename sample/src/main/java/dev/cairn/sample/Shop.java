package dev.cairn.sample;

import dev.cairn.runtime.DriverManagerDataSource;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.sample.db.MigrationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;

/**
 * The bookshop "application": what a real service does at startup. It brings the database up to
 * date with one call, {@code MigrationRegistry.migrate(dataSource)}, then uses it (here: prints
 * the shop window and the best sellers). Run with {@code java -jar cairn-sample.jar shop [--db FILE | --url JDBC_URL]}.
 */
final class Shop {
    private Shop() {
    }

    static int run(String defaultUrl, String[] args) throws Exception {
        String url = defaultUrl;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--url") && i + 1 < args.length) {
                url = args[++i];
            } else if (args[i].equals("--db") && i + 1 < args.length) {
                url = "jdbc:sqlite:" + args[++i];
            } else {
                System.err.println("Usage: java -jar cairn-sample.jar shop [--db FILE | --url JDBC_URL]");
                return 2;
            }
        }
        // A real service would hand Cairn its connection pool (HikariCP, say); any DataSource will do.
        DataSource dataSource = new DriverManagerDataSource(url, null, System.getenv("CAIRN_PASSWORD"));

        // The startup call every Cairn application makes: apply what is pending, or do nothing fast.
        MigrationReport report = MigrationRegistry.migrate(dataSource);
        System.out.println(report.wasUpToDate()
                ? "Database up to date."
                : "Applied " + report.applied().size() + " migrations at startup.");

        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT title, author, price_cents, average_rating FROM shop_window "
                                + "WHERE average_rating IS NOT NULL ORDER BY average_rating DESC, id LIMIT 5");
                ResultSet rows = query.executeQuery()) {
            System.out.println("Top of the shop window:");
            while (rows.next()) {
                System.out.printf("  %-36s %-12s %6.2f  %.1f stars%n", rows.getString(1), rows.getString(2),
                        rows.getInt(3) / 100.0, rows.getDouble(4));
            }
        }
        // order_totals is the view of SQL migration 10, over the orders that Java migration 11 seeds.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT title, copies, revenue_cents FROM order_totals ORDER BY copies DESC, book_id LIMIT 3");
                ResultSet rows = query.executeQuery()) {
            System.out.println("Best sellers:");
            while (rows.next()) {
                System.out.printf("  %-36s %4d copies %9.2f%n", rows.getString(1), rows.getLong(2),
                        rows.getLong(3) / 100.0);
            }
        }
        return 0;
    }
}
