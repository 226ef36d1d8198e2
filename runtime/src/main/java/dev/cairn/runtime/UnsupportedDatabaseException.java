package dev.cairn.runtime;

/**
 * The connection leads to a database Cairn has no dialect for. Cairn supports SQLite
 * (sqlite-jdbc) and PostgreSQL (pgjdbc); the message names the product the driver reported.
 *
 * <pre>{@code
 * Migrator.builder(registry).jdbcUrl("jdbc:h2:mem:test").build().migrate();
 * // throws: Cairn does not support the database "H2" ...
 * }</pre>
 */
public class UnsupportedDatabaseException extends CairnException {

    private static final long serialVersionUID = 1L;

    private final String productName;

    /** Creates the exception for the product name the driver reported. */
    UnsupportedDatabaseException(String productName) {
        super("Cairn does not support the database \"" + productName + "\" (as reported by the JDBC driver). "
                + "Supported databases are SQLite (org.xerial:sqlite-jdbc) and PostgreSQL (org.postgresql:postgresql); "
                + "point the Migrator at one of them.");
        this.productName = productName;
    }

    /** The database product name the JDBC driver reported. */
    public String productName() {
        return productName;
    }
}
