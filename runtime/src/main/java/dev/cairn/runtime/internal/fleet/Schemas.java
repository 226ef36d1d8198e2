package dev.cairn.runtime.internal.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The schemas of one PostgreSQL database whose whole name matches a pattern, in name order;
 * PostgreSQL's own ({@code pg_*}, {@code information_schema}) never count.
 *
 * <pre>{@code
 * List<String> tenants = Schemas.matching(dataSource, Pattern.compile("tenant_\\d+"));
 * }</pre>
 */
public final class Schemas {

    private static final String LIST = "SELECT nspname FROM pg_catalog.pg_namespace "
            + "WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname";

    private Schemas() {
    }

    public static List<String> matching(DataSource database, Pattern pattern) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Connection connection = database.getConnection();
                PreparedStatement list = connection.prepareStatement(LIST);
                ResultSet rows = list.executeQuery()) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (pattern.matcher(name).matches()) {
                    schemas.add(name);
                }
            }
        }
        return schemas;
    }
}
