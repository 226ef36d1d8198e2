package dev.cairn.runtime;

/**
 * The connection leads to a database Cairn has no dialect for, or to a supported one in a version
 * too old. Cairn supports SQLite (sqlite-jdbc), PostgreSQL (pgjdbc), MariaDB 10.6+ and MySQL
 * 8.0+ (MariaDB Connector/J or MySQL Connector/J), and H2 2.x; the message names the product the
 * driver reported, or the version needed.
 *
 * <pre>{@code
 * Migrator.builder(registry).jdbcUrl("jdbc:derby:memory:test;create=true").build().migrate();
 * // throws: Cairn does not support the database "Apache Derby" ...
 * }</pre>
 */
public class UnsupportedDatabaseException extends CairnException {

    private static final long serialVersionUID = 1L;

    private final String productName;

    /** Creates the exception for the product name the driver reported. */
    UnsupportedDatabaseException(String productName) {
        this(productName, "Cairn does not support the database \"" + productName + "\" (as reported by the JDBC "
                + "driver). Supported databases are SQLite (org.xerial:sqlite-jdbc), PostgreSQL (org.postgresql:postgresql), "
                + "MariaDB 10.6+ and MySQL 8.0+ (org.mariadb.jdbc:mariadb-java-client or com.mysql:mysql-connector-j), "
                + "and H2 2.x (com.h2database:h2); point the Migrator at one of them.");
    }

    /** Creates the exception with its own message (a supported database in a version too old). */
    UnsupportedDatabaseException(String productName, String message) {
        super(message);
        this.productName = productName;
    }

    /** The database product name the JDBC driver reported (with the server's version when it is too old). */
    public String productName() {
        return productName;
    }
}
