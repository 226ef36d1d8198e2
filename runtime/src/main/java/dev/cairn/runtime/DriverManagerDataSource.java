package dev.cairn.runtime;

import dev.cairn.runtime.internal.JdbcUrls;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal {@link DataSource} over {@link DriverManager} for tools and samples; use your
 * connection pool in production. Each call opens a new connection, with no pooling: a migrator
 * needs one connection per operation, and this is also the DataSource behind
 * {@link Migrator.Builder#jdbcUrl(String)}.
 *
 * <pre>{@code
 * DataSource dataSource = new DriverManagerDataSource(
 *         "jdbc:postgresql://db.example.com/shop", "shop", System.getenv("CAIRN_PASSWORD"));
 * MigrationReport report = MigrationRegistry.migrate(dataSource);
 * }</pre>
 *
 * <p>It never shows credentials: {@code toString} is the URL with any user-info and password-like
 * parameters replaced by {@code ***}, and the user and password appear in no message of its own.
 * Its log writer and login timeout are {@link DriverManager}'s, which are global to the JVM.
 */
public final class DriverManagerDataSource implements DataSource {

    private final String url;
    private final String user;
    private final String password;

    /**
     * A DataSource for {@code url}. When {@code user} and {@code password} are both null, the
     * connection is opened with the URL alone (which may carry its own credentials, or need none,
     * as with SQLite); otherwise both are passed to the driver, either may be null.
     */
    public DriverManagerDataSource(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return user == null && password == null
                ? DriverManager.getConnection(url)
                : DriverManager.getConnection(url, user, password);
    }

    @Override
    public Connection getConnection(String otherUser, String otherPassword) throws SQLException {
        return DriverManager.getConnection(url, otherUser, otherPassword);
    }

    @Override
    public PrintWriter getLogWriter() {
        return DriverManager.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        DriverManager.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("DriverManagerDataSource does not use java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("DriverManagerDataSource is not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return JdbcUrls.sanitize(url);
    }
}
