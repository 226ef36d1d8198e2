package dev.cairn.runtime.internal.sql;

import dev.cairn.runtime.SqlScriptException;
import dev.cairn.runtime.internal.ApiValues;
import java.util.Locale;

/**
 * Which database's reading of SQL text a script asks for, declared in its leading comment lines:
 *
 * <pre>{@code
 * -- dialect: mysql
 * DELIMITER //
 * CREATE PROCEDURE ... BEGIN ...; END //
 * DELIMITER ;
 * }</pre>
 *
 * The declaration is part of the script's text, so the processor and the runtime, which both split
 * a script through {@link SqlScript#parse}, read it alike, and its checksum covers it.
 */
public enum ScriptDialect {

    /**
     * No declaration: the rules that hold for SQLite, PostgreSQL and H2 (see {@link SqlScript}),
     * refusing what MySQL would split differently: a {@code DELIMITER} command, a {@code #} comment
     * line, and a backslash before a quote inside {@code '...'} or {@code "..."}.
     */
    PORTABLE,
    /** {@code -- dialect: standard} (or postgresql, sqlite, h2): a backslash is a plain character. */
    STANDARD,
    /**
     * {@code -- dialect: mysql} (or mariadb): as the {@code mysql} client reads a script: {@code DELIMITER}
     * commands, {@code #} comments, backslash escapes in {@code '...'} and {@code "..."} strings,
     * {@code `...`} identifiers, {@code /*! ... *}{@code /} kept as statements.
     */
    MYSQL;

    /** The header's key, after {@code --}. */
    public static final String KEY = "dialect:";

    /** Said by every problem that naming the dialect would settle (see {@link #isDialectProblem}). */
    static final String NAME_IT = "Name the script's dialect in its first lines";

    /**
     * The dialect declared in {@code text}'s leading lines (blank, {@code --} or {@code #} comment
     * lines), {@link #PORTABLE} when none.
     *
     * @throws SqlScriptException for an unknown dialect or a second declaration, at its line
     */
    public static ScriptDialect declaredIn(String script, String text) {
        ScriptDialect declared = null;
        int lineNumber = 0;
        int at = 0;
        while (at <= text.length()) {
            int newline = text.indexOf('\n', at);
            String line = (newline < 0 ? text.substring(at) : text.substring(at, newline)).trim();
            lineNumber++;
            at = newline < 0 ? text.length() + 1 : newline + 1;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1).trim();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!line.startsWith("--")) {
                break;
            }
            String comment = line.substring(2).trim();
            if (!comment.toLowerCase(Locale.ROOT).startsWith(KEY)) {
                continue;
            }
            String value = comment.substring(KEY.length()).trim().toLowerCase(Locale.ROOT);
            if (declared != null) {
                throw ApiValues.get().sqlScriptProblem(script, lineNumber, "a second '-- dialect:' line; a script "
                        + "has one dialect. Remove one of them.");
            }
            declared = named(value);
            if (declared == null) {
                throw ApiValues.get().sqlScriptProblem(script, lineNumber, "'-- dialect:' names '" + value + "', "
                        + "which Cairn does not know. Write '-- dialect: mysql' (MySQL and MariaDB: DELIMITER, # "
                        + "comments, backslash escapes) or '-- dialect: standard' (PostgreSQL, SQLite, H2: a "
                        + "backslash is a plain character).");
            }
        }
        return declared == null ? PORTABLE : declared;
    }

    private static ScriptDialect named(String value) {
        switch (value) {
            case "mysql":
            case "mariadb":
                return MYSQL;
            case "standard":
            case "postgresql":
            case "sqlite":
            case "h2":
                return STANDARD;
            default:
                return null;
        }
    }

    /** Whether a problem of {@link SqlScript#parse} is one that declaring the dialect settles. */
    public static boolean isDialectProblem(SqlScriptException exception) {
        return exception.problem() != null && exception.problem().contains(NAME_IT);
    }
}
