package dev.cairn.processor.sql;

import dev.cairn.runtime.MigrationNames;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file name in a {@code @SqlMigrationDirectory} folder means: a migration script
 * ({@code V3__add_index.sql}, {@code 003_add_index.sql}), an undo script ({@code U3__add_index.sql}),
 * a near miss that must be renamed ({@code V3_add_index.sql}, {@code v3__add_index.sql}), or
 * another file.
 *
 * <pre>{@code
 * ScriptName name = ScriptName.parse("V3__add_index.sql");
 * name.kind();         // MIGRATION
 * name.version();      // 3
 * name.description();  // "Add index"
 * }</pre>
 */
final class ScriptName {

    enum Kind { MIGRATION, UNDO, NEAR_MISS, OTHER }

    /** A version at the start and .sql at the end, in any case: meant as a script. */
    private static final Pattern LOOKS_LIKE_SCRIPT = Pattern.compile("(?i)[vu]?\\d.*\\.sql");

    private final Kind kind;
    private final long version;
    private final String description;
    private final String problem;

    private ScriptName(Kind kind, long version, String description, String problem) {
        this.kind = kind;
        this.version = version;
        this.description = description;
        this.problem = problem;
    }

    static ScriptName parse(String fileName) {
        // The names that count are the runtime's rule (MigrationNames); what is added here is why a
        // near miss does not count, for the diagnostic.
        Optional<MigrationNames.ScriptFileName> script = MigrationNames.parseScriptFileName(fileName);
        if (script.isPresent()) {
            return new ScriptName(script.get().isUndo() ? Kind.UNDO : Kind.MIGRATION, script.get().version(),
                    script.get().description(), null);
        }
        if (LOOKS_LIKE_SCRIPT.matcher(fileName).matches()) {
            return nearMiss(hint(fileName));
        }
        return new ScriptName(Kind.OTHER, 0, null, null);
    }

    /** Why a near miss does not match, e.g. "Flyway-style names need two underscores after the version". */
    private static String hint(String fileName) {
        Matcher version = LEADING_VERSION.matcher(fileName);
        if (version.lookingAt() && version.group(1).length() >= 19 && !fitsLong(version.group(1))) {
            return "its version " + version.group(1) + " is too large (at most " + Long.MAX_VALUE + ")";
        }
        char first = fileName.charAt(0);
        if (first == 'v' || first == 'u') {
            return "the prefix must be an upper-case " + Character.toUpperCase(first);
        }
        if (!fileName.endsWith(".sql")) {
            return "the extension must be .sql in lower case";
        }
        String base = fileName.substring(0, fileName.length() - ".sql".length());
        if ((first == 'V' || first == 'U') && base.matches("[VU]\\d+_[^_].*")) {
            return "names starting with " + first + " need two underscores after the version";
        }
        if (base.matches("[VU]?\\d+_*")) {
            return "it has no description after the version";
        }
        return "there must be an underscore between the version and the description";
    }

    private static final Pattern LEADING_VERSION = Pattern.compile("[VU]?(\\d+)");

    private static boolean fitsLong(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static ScriptName nearMiss(String problem) {
        return new ScriptName(Kind.NEAR_MISS, 0, null, problem);
    }

    Kind kind() {
        return kind;
    }

    long version() {
        return version;
    }

    /** The description derived from the name: {@code add_index} becomes "Add index". */
    String description() {
        return description;
    }

    /** Why a near miss does not count as a script. */
    String problem() {
        return problem;
    }

    /**
     * The description derived from any script name, for {@code @SqlMigration} without one:
     * the migration patterns' description, else the file name without {@code .sql}.
     */
    static String describe(String fileName) {
        ScriptName name = parse(fileName);
        if (name.kind == Kind.MIGRATION || name.kind == Kind.UNDO) {
            return name.description;
        }
        String base = fileName.toLowerCase(Locale.ROOT).endsWith(".sql")
                ? fileName.substring(0, fileName.length() - 4) : fileName;
        return MigrationNames.description(base);
    }

    /** The undo script's name for a {@code V<version>__<description>.sql} name, or null. */
    static String undoFor(String fileName) {
        return MigrationNames.parseScriptFileName(fileName)
                .flatMap(MigrationNames.ScriptFileName::undoFileName)
                .orElse(null);
    }
}
