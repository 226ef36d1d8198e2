package dev.cairn.cli;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which database a command talks to, resolved from {@code --url}, {@code --db} (an SQLite file)
 * or the embedding application's default, plus the user from {@code --user} and the password from
 * the {@code CAIRN_PASSWORD} environment variable. The password is never a command-line argument
 * (other users can read those in {@code ps}) and never printed: {@link #displayUrl()} hides any
 * credentials written into the URL itself.
 */
final class DatabaseTarget {
    /** The environment variable holding the database password. */
    static final String PASSWORD_VARIABLE = "CAIRN_PASSWORD";

    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("//([^/@:]*):[^/@]*@");

    private final String url;
    private final String user;
    private final String password;

    private DatabaseTarget(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * @return empty when no database is configured at all (no option and no default): commands
     *     that can work without one, such as {@code graph} and {@code new}, then do so
     */
    static Optional<DatabaseTarget> resolve(
            ParsedArguments arguments, String defaultUrl, Map<String, String> environment) {
        Optional<String> url = arguments.value("--url");
        Optional<String> file = arguments.value("--db");
        if (url.isPresent() && file.isPresent()) {
            throw new UsageException("Give either --url or --db, not both: --db FILE is a shortcut for --url jdbc:sqlite:FILE.");
        }
        String chosen;
        if (url.isPresent()) {
            if (!url.get().startsWith("jdbc:")) {
                throw new UsageException("--url expects a JDBC URL such as jdbc:postgresql://localhost/shop or "
                        + "jdbc:sqlite:shop.db, not '" + redact(url.get()) + "'.");
            }
            chosen = url.get();
        } else if (file.isPresent()) {
            chosen = "jdbc:sqlite:" + file.get();
        } else if (defaultUrl != null) {
            chosen = defaultUrl;
        } else {
            if (arguments.value("--user").isPresent()) {
                throw new UsageException("--user was given but no database: add --url JDBC_URL or --db FILE.");
            }
            return Optional.empty();
        }
        refuseSqliteWithoutFile(chosen);
        String password = environment.get(PASSWORD_VARIABLE);
        return Optional.of(new DatabaseTarget(chosen, arguments.value("--user").orElse(null), password));
    }

    /**
     * An SQLite URL without a file (an empty path is a temporary database, {@code :memory:} one
     * that lives in memory) gives a database that disappears when the command's connection
     * closes: a migrate would report success and leave nothing behind. Refused as bad usage.
     */
    private static void refuseSqliteWithoutFile(String url) {
        if (!url.startsWith(SQLITE_PREFIX)) {
            return;
        }
        String rest = url.substring(SQLITE_PREFIX.length());
        String path = withoutParameters(rest);
        String fix = " Each CLI command opens its own connection, so such a database is empty every time and "
                + "whatever a command writes is gone when it ends. Name a database file instead: --db FILE "
                + "(e.g. --db shop.db) or --url jdbc:sqlite:FILE.";
        if (path.isEmpty()) {
            throw new UsageException("'" + redact(url) + "' names no file: SQLite opens a temporary database that it "
                    + "deletes when the connection closes." + fix);
        }
        if (path.equals(":memory:") || path.startsWith("file::memory:") || rest.contains("mode=memory")) {
            throw new UsageException("'" + redact(url) + "' is a database in memory: it lives only as long as one "
                    + "connection." + fix);
        }
    }

    /**
     * The database file of an SQLite URL ({@code jdbc:sqlite:shop.db}, {@code jdbc:sqlite:file:shop.db?mode=rwc},
     * {@code jdbc:sqlite:file:///data/shop.db}), its URL parameters removed, resolved against the
     * working directory; empty for other databases and for SQLite's {@code :resource:} URLs.
     */
    Optional<Path> sqliteFile() {
        if (!url.startsWith(SQLITE_PREFIX)) {
            return Optional.empty();
        }
        String path = withoutParameters(url.substring(SQLITE_PREFIX.length()));
        if (path.startsWith(":")) {
            return Optional.empty();
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
            if (path.startsWith("//")) {
                path = URI.create("file:" + path).getPath();
            }
        }
        return path.isEmpty() ? Optional.empty() : Optional.of(Paths.get(path).toAbsolutePath());
    }

    /** True for any SQLite URL. */
    boolean isSqlite() {
        return url.startsWith(SQLITE_PREFIX);
    }

    private static String withoutParameters(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /**
     * Fails, naming the artifact to add, when no JDBC driver on the class path accepts the URL:
     * {@link DriverManager} alone would say "No suitable driver", which reads like a network
     * problem.
     */
    void requireDriver() {
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new CliFailure(missingDriver(url));
        }
    }

    /** What to add when no driver accepts {@code url}. */
    static String missingDriver(String url) {
        String shown = redact(url);
        if (url.startsWith("jdbc:postgresql:")) {
            return "The PostgreSQL JDBC driver is not on the class path, so " + shown + " cannot be opened. Add the "
                    + "dependency org.postgresql:postgresql to the application (runtime scope is enough) and rebuild.";
        }
        if (url.startsWith("jdbc:mariadb:")) {
            return "The MariaDB JDBC driver is not on the class path, so " + shown + " cannot be opened. Add the "
                    + "dependency org.mariadb.jdbc:mariadb-java-client to the application (runtime scope is enough) "
                    + "and rebuild.";
        }
        if (url.startsWith("jdbc:mysql:")) {
            return "The MySQL JDBC driver is not on the class path, so " + shown + " cannot be opened. Add the "
                    + "dependency com.mysql:mysql-connector-j to the application (runtime scope is enough) and rebuild.";
        }
        if (url.startsWith(SQLITE_PREFIX)) {
            return "The SQLite JDBC driver is not on the class path, so " + shown + " cannot be opened. Add the "
                    + "dependency org.xerial:sqlite-jdbc to the application (runtime scope is enough) and rebuild.";
        }
        return "No JDBC driver on the class path accepts " + shown + ". Add the JDBC driver of that database to the "
                + "application, or check the URL's spelling (jdbc:postgresql://host/db, jdbc:mariadb://host/db, "
                + "jdbc:mysql://host/db, jdbc:sqlite:FILE).";
    }

    /** True when the user named a database with {@code --url} or {@code --db}. */
    static boolean explicit(ParsedArguments arguments) {
        return arguments.value("--url").isPresent() || arguments.value("--db").isPresent();
    }

    String url() {
        return url;
    }

    Optional<String> user() {
        return Optional.ofNullable(user);
    }

    Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The URL safe to print: passwords written into it are replaced by {@code ***}. */
    String displayUrl() {
        return redact(url);
    }

    static String redact(String url) {
        String withoutParameter = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(withoutParameter).replaceAll("//$1:***@");
    }
}
