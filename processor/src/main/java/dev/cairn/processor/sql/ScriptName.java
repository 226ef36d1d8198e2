package dev.cairn.processor.sql;

import dev.cairn.runtime.MigrationNames;
import dev.cairn.runtime.MigrationVersion;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file name in a {@code @SqlMigrationDirectory} folder means: a migration script
 * ({@code V3__add_index.sql}, {@code 003_add_index.sql}, and as Flyway names versions with parts
 * {@code V1_10__add_index.sql} or {@code V1.10__add_index.sql}), an undo script ({@code U3__add_index.sql}),
 * a near miss that must be renamed ({@code V3_add_index.sql}, {@code v3__add_index.sql}), or
 * another file.
 *
 * <pre>{@code
 * ScriptName name = ScriptName.parse("V3__add_index.sql");
 * name.kind();         // MIGRATION
 * name.version();      // 3; 1.10 for V1_10__add_index.sql
 * name.description();  // "Add index"
 * }</pre>
 */
final class ScriptName {

    enum Kind { MIGRATION, UNDO, NEAR_MISS, OTHER }

    /** A version at the start and .sql at the end, in any case: meant as a script. */
    private static final Pattern LOOKS_LIKE_SCRIPT = Pattern.compile("(?i)[vu]?\\d.*\\.sql");

    private final Kind kind;
    private final MigrationVersion version;
    private final String description;
    private final String problem;

    private ScriptName(Kind kind, MigrationVersion version, String description, String problem) {
        this.kind = kind;
        this.version = version;
        this.description = description;
        this.problem = problem;
    }

    static ScriptName parse(String fileName) {
        ScriptName withPrefix = prefixed(fileName);
        if (withPrefix != null) {
            return withPrefix;
        }
        // <version>_<description>.sql is the runtime's rule (MigrationNames); what is added here is
        // why a near miss does not count, for the diagnostic.
        Optional<MigrationNames.ScriptFileName> script = MigrationNames.parseScriptFileName(fileName);
        if (script.isPresent()) {
            return new ScriptName(script.get().isUndo() ? Kind.UNDO : Kind.MIGRATION,
                    script.get().version(), script.get().description(), null);
        }
        if (LOOKS_LIKE_SCRIPT.matcher(fileName).matches()) {
            return nearMiss(hint(fileName));
        }
        return new ScriptName(Kind.OTHER, null, null, null);
    }

    /**
     * Flyway's rule for {@code V<version>__<description>.sql} and {@code U...}: the version is what
     * stands between the prefix and the first {@code __}, digits separated by {@code .} or {@code _}
     * ({@code V1_10__x.sql} is version 1.10). Null when the name is not of that form, so that
     * {@link #hint} explains it; a near miss when the version is malformed, with the runtime's
     * sentence for it ({@link MigrationVersion#problemWith}).
     */
    private static ScriptName prefixed(String fileName) {
        if (!(fileName.startsWith("V") || fileName.startsWith("U")) || !fileName.endsWith(".sql")) {
            return null;
        }
        int separator = fileName.indexOf("__", 1);
        if (separator < 2) {
            return null;
        }
        String versionText = fileName.substring(1, separator);
        if (!VERSION_CHARACTERS.matcher(versionText).matches()) {
            return null;
        }
        String problem = MigrationVersion.problemWith(versionText);
        if (problem != null) {
            return nearMiss(Character.toLowerCase(problem.charAt(0)) + problem.substring(1));
        }
        String name = fileName.substring(separator + 2, fileName.length() - ".sql".length());
        if (!DESCRIPTION.matcher(name).matches()) {
            return nearMiss("it has no description after the version");
        }
        return new ScriptName(fileName.startsWith("U") ? Kind.UNDO : Kind.MIGRATION,
                MigrationVersion.parse(versionText), MigrationNames.description(name), null);
    }

    /** What a version with parts is written with; anything else is no version. */
    private static final Pattern VERSION_CHARACTERS = Pattern.compile("\\d[\\d._]*");
    /** A description is not empty and not only underscores. */
    private static final Pattern DESCRIPTION = Pattern.compile(".*[^_].*");

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
        if ((first == 'V' || first == 'U') && base.matches("[VU]\\d[\\d._]*_[^_].*")) {
            return "names starting with " + first + " need two underscores after the version";
        }
        if (base.matches("[VU]?\\d[\\d._]*")) {
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
        return new ScriptName(Kind.NEAR_MISS, null, null, problem);
    }

    Kind kind() {
        return kind;
    }

    /** The version, as written: {@code 1.10} for {@code V1_10__x.sql}. */
    MigrationVersion version() {
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

    /**
     * The undo script's name for a {@code V<version>__<description>.sql} name, or null:
     * {@code U1_10__x.sql} for {@code V1_10__x.sql}.
     */
    static String undoFor(String fileName) {
        ScriptName name = parse(fileName);
        return name.kind == Kind.MIGRATION && fileName.startsWith("V") ? "U" + fileName.substring(1) : null;
    }
}
