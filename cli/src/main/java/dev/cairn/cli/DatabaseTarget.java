package dev.cairn.cli;

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
        String password = environment.get(PASSWORD_VARIABLE);
        return Optional.of(new DatabaseTarget(chosen, arguments.value("--user").orElse(null), password));
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
