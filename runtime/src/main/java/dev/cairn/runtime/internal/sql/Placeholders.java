package dev.cairn.runtime.internal.sql;

import dev.cairn.runtime.internal.ApiValues;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The values of a run's placeholders, and their replacement in a SQL script's text: Flyway's
 * syntax, {@code ${name}}, replaced everywhere in the script (comments included, as Flyway does)
 * before it is split. Values come from {@code Migrator.Builder.placeholder}, plus built-ins that
 * Flyway scripts use ({@code flyway:defaultSchema}, {@code flyway:user}, {@code flyway:database},
 * {@code flyway:timestamp}, {@code flyway:table}, {@code flyway:filename}). A script's checksum is
 * that of its text before replacement, so a value that differs between environments is no edit.
 *
 * <pre>{@code
 * Placeholders.of(Map.of("owner", "app_owner"), true)
 *         .replace("db/V3__grants.sql", "GRANT SELECT ON orders TO ${owner};");   // "... TO app_owner;"
 * }</pre>
 */
public final class Placeholders {

    /** No replacement: scripts run as written. */
    public static final Placeholders NONE = new Placeholders(Map.of(), false, name -> null);

    /** The built-in that names the script being replaced, computed per script. */
    static final String FILENAME = "flyway:filename";

    private final Map<String, String> values;
    private final boolean enabled;
    private final Function<String, String> builtIns;

    private Placeholders(Map<String, String> values, boolean enabled, Function<String, String> builtIns) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.enabled = enabled;
        this.builtIns = builtIns;
    }

    /** The configured values; {@code enabled} false runs every script as written. */
    public static Placeholders of(Map<String, String> values, boolean enabled) {
        return new Placeholders(values, enabled, name -> null);
    }

    /**
     * These values, and where none has the name, {@code builtIns}' (null for a name it does not
     * know): asked only when a script uses a placeholder, since some built-ins cost a query.
     */
    public Placeholders withBuiltIns(Function<String, String> builtIns) {
        return new Placeholders(values, enabled, builtIns);
    }

    /**
     * {@code text} with each {@code ${name}} replaced by its value.
     *
     * @throws dev.cairn.runtime.SqlScriptException naming the script, the line and the placeholder
     *     when a placeholder has no value, or a {@code ${} is not closed on its line
     */
    public String replace(String script, String text) {
        if (!enabled || text.indexOf("${") < 0) {
            return text;
        }
        StringBuilder replaced = new StringBuilder(text.length());
        int from = 0;
        for (int start = text.indexOf("${"); start >= 0; start = text.indexOf("${", from)) {
            int end = text.indexOf('}', start + 2);
            int lineEnd = text.indexOf('\n', start);
            if (end < 0 || (lineEnd >= 0 && lineEnd < end)) {
                throw ApiValues.get().sqlScriptProblem(script, line(text, start), "'${' opens a placeholder that is not "
                        + "closed with '}' on its line. Close it, or turn placeholder replacement off "
                        + "(Migrator.Builder.placeholderReplacement(false)) if the script means '${' literally.");
            }
            String name = text.substring(start + 2, end);
            String value = name.equals(FILENAME) ? fileName(script) : values.get(name);
            if (value == null) {
                value = builtIns.apply(name);
            }
            if (value == null) {
                throw ApiValues.get().sqlScriptProblem(script, line(text, start), "the placeholder ${" + name
                        + "} has no value, so nothing of the script was run. Give it one with "
                        + "Migrator.Builder.placeholder(\"" + name + "\", ...) (CLI: "
                        + "CAIRN_PLACEHOLDER_" + name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
                        + "=<value> in the environment), or turn placeholder replacement off (placeholderReplacement(false)) if the script means "
                        + "it literally.");
            }
            replaced.append(text, from, start).append(value);
            from = end + 1;
        }
        return replaced.append(text, from, text.length()).toString();
    }

    private static int line(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String fileName(String script) {
        return script.substring(script.lastIndexOf('/') + 1);
    }

    /** Implemented by a migration context that carries the run's placeholders to its SQL scripts. */
    public interface Source {
        Placeholders placeholders();
    }
}
