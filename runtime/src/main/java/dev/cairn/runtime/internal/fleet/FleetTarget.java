package dev.cairn.runtime.internal.fleet;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * One tenant of a fleet, as configured: its name and where it is. Exactly one of three shapes: a
 * {@link DataSource} of its own, a JDBC URL (with optional credentials), or a PostgreSQL schema
 * reached through a database's shared {@link DataSource}.
 *
 * <pre>{@code
 * FleetTarget.url("acme", "jdbc:sqlite:tenants/acme.db", null, null);
 * FleetTarget.schema("tenant_42", sharedDataSource);
 * }</pre>
 */
public final class FleetTarget {

    private final String name;
    private final DataSource dataSource;
    private final String url;
    private final String user;
    private final String password;
    private final String schema;

    private FleetTarget(String name, DataSource dataSource, String url, String user, String password, String schema) {
        this.name = Objects.requireNonNull(name, "name");
        this.dataSource = dataSource;
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** A tenant with a DataSource of its own. */
    public static FleetTarget dataSource(String name, DataSource dataSource) {
        return new FleetTarget(name, Objects.requireNonNull(dataSource, "dataSource"), null, null, null, null);
    }

    /** A tenant reached through a JDBC URL; {@code user} and {@code password} may be null. */
    public static FleetTarget url(String name, String url, String user, String password) {
        return new FleetTarget(name, null, Objects.requireNonNull(url, "url"), user, password, null);
    }

    /** A PostgreSQL schema of the database behind {@code database}; the tenant's name is the schema's. */
    public static FleetTarget schema(String schema, DataSource database) {
        return new FleetTarget(schema, Objects.requireNonNull(database, "database"), null, null, null,
                Objects.requireNonNull(schema, "schema"));
    }

    public String name() {
        return name;
    }

    /** The tenant's own DataSource, or the shared one of its database for a schema; null for a URL. */
    public DataSource dataSource() {
        return dataSource;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The tenant's schema, or null when the tenant is a database of its own. */
    public String schema() {
        return schema;
    }

    @Override
    public String toString() {
        return name;
    }
}
