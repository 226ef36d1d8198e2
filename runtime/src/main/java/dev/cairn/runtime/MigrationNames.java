package dev.cairn.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cairn's naming rules, in one place for the annotation processor, the CLI's {@code new} command
 * and tools of your own: the description a migration gets from its class or script name, the class
 * name for a description, and SQL script file names ({@code V3__add_index.sql}, {@code 003_add_index.sql},
 * undo scripts {@code U3__add_index.sql}).
 *
 * <pre>{@code
 * MigrationNames.description("AddUserEmail");          // "Add user email"
 * MigrationNames.className("Add user email");          // "AddUserEmail"
 * MigrationNames.scriptFileName(4, "Add user email");  // "V4__add_user_email.sql"
 * MigrationNames.parseScriptFileName("U4__add_user_email.sql").get().isUndo();  // true
 * }</pre>
 */
public final class MigrationNames {

    /** Flyway's rule: the version is what stands before the first {@code __}, with parts ({@code V1_10__x.sql}). */
    private static final Pattern VERSIONED = Pattern.compile("V(\\d[\\d._]*?)__(.*[^_].*)\\.sql");
    private static final Pattern NUMBERED = Pattern.compile("(\\d+)_(.*[^_].*)\\.sql");
    private static final Pattern UNDO = Pattern.compile("U(\\d[\\d._]*?)__(.*[^_].*)\\.sql");

    private MigrationNames() {
    }

    /**
     * The description derived from a class name or a script's name part: splits at case changes,
     * digits and underscores, keeps acronyms and tokens without lower-case letters (SSL, V2) as
     * written, lower-cases the other words and capitalises the first. {@code "V2AddSSLCerts"} gives
     * "V2 add SSL certs", {@code "create_users"} gives "Create users".
     */
    public static String description(String name) {
        List<String> words = words(name);
        if (words.isEmpty()) {
            return name;
        }
        StringBuilder description = new StringBuilder();
        for (String word : words) {
            if (description.length() > 0) {
                description.append(' ');
                description.append(isAcronym(word) ? word : word.toLowerCase(Locale.ROOT));
            } else {
                description.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return description.toString();
    }

    /**
     * A class name for a description: ASCII letters and digits, each word capitalised, a {@code V}
     * before a leading digit; empty when the description has no ASCII letter or digit.
     * {@code "Add user e-mail"} gives {@code AddUserEMail}.
     */
    public static String className(String description) {
        StringBuilder name = new StringBuilder();
        boolean startWord = true;
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (isAsciiLetterOrDigit(c)) {
                name.append(startWord ? Character.toUpperCase(c) : c);
                startWord = false;
            } else {
                startWord = true;
            }
        }
        if (name.length() > 0 && Character.isDigit(name.charAt(0))) {
            name.insert(0, 'V');
        }
        return name.toString();
    }

    /**
     * Whether two descriptions name the same migration, as Flyway and Cairn write them: letter case,
     * underscores and runs of spaces aside. Flyway records {@code V1__create_books.sql} as "create
     * books", Cairn describes it as "Create books"; both are one migration.
     *
     * <pre>{@code
     * MigrationNames.sameDescription("create books", "Create books");   // true
     * MigrationNames.sameDescription("Create books", "Create authors"); // false
     * }</pre>
     */
    public static boolean sameDescription(String a, String b) {
        return a != null && b != null && comparable(a).equals(comparable(b));
    }

    private static String comparable(String description) {
        return description.replace('_', ' ').trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The file name of a new SQL migration script: {@code V<version>__<snake_case description>.sql}. */
    public static String scriptFileName(long version, String description) {
        return "V" + version + "__" + snakeCase(description) + ".sql";
    }

    /** The file name of the undo script beside {@link #scriptFileName(long, String)}: {@code U<version>__...sql}. */
    public static String undoScriptFileName(long version, String description) {
        return "U" + version + "__" + snakeCase(description) + ".sql";
    }

    /**
     * What a file name in a script folder means, when it is a migration or undo script:
     * {@code V<version>__<name>.sql}, {@code <version>_<name>.sql} or {@code U<version>__<name>.sql},
     * where a {@code V} or {@code U} version may have parts ({@code V1_10__x.sql}: 1.10). Empty for any
     * other name, including a malformed version or a part too large for a {@code long}.
     */
    public static Optional<ScriptFileName> parseScriptFileName(String fileName) {
        for (Pattern pattern : new Pattern[] {VERSIONED, NUMBERED, UNDO}) {
            Matcher matcher = pattern.matcher(fileName);
            if (matcher.matches()) {
                String text = matcher.group(1);
                if (MigrationVersion.problemWith(text) != null) {
                    return Optional.empty();
                }
                MigrationVersion version = MigrationVersion.parse(text);
                return Optional.of(new ScriptFileName(fileName, version, description(matcher.group(2)),
                        pattern == UNDO, pattern == VERSIONED));
            }
        }
        return Optional.empty();
    }

    /**
     * A parsed script file name.
     *
     * <pre>{@code
     * ScriptFileName name = MigrationNames.parseScriptFileName("V3__add_index.sql").orElseThrow();
     * name.version();         // 3
     * name.description();     // "Add index"
     * name.undoFileName();    // Optional[U3__add_index.sql]
     * }</pre>
     */
    public static final class ScriptFileName {

        private final String fileName;
        private final MigrationVersion version;
        private final String description;
        private final boolean undo;
        private final boolean versionedStyle;

        private ScriptFileName(String fileName, MigrationVersion version, String description, boolean undo,
                boolean versionedStyle) {
            this.fileName = fileName;
            this.version = version;
            this.description = description;
            this.undo = undo;
            this.versionedStyle = versionedStyle;
        }

        /** The file name as given. */
        public String fileName() {
            return fileName;
        }

        /** The version in the name: {@code 1.10} for {@code V1_10__x.sql}. */
        public MigrationVersion version() {
            return version;
        }

        /** The description derived from the name part: {@code add_index} gives "Add index". */
        public String description() {
            return description;
        }

        /** Whether this is an undo script ({@code U<version>__...}). */
        public boolean isUndo() {
            return undo;
        }

        /** The undo script's name for a {@code V<version>__<name>.sql} script; empty for other names. */
        public Optional<String> undoFileName() {
            return versionedStyle ? Optional.of("U" + fileName.substring(1)) : Optional.empty();
        }

        @Override
        public String toString() {
            return fileName;
        }
    }

    /** "Add user e-mail" becomes {@code add_user_e_mail}: ASCII letters and digits, runs of others as one {@code _}. */
    private static String snakeCase(String description) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (isAsciiLetterOrDigit(c)) {
                name.append(Character.toLowerCase(c));
            } else if (name.length() > 0 && name.charAt(name.length() - 1) != '_') {
                name.append('_');
            }
        }
        int end = name.length();
        while (end > 0 && name.charAt(end - 1) == '_') {
            end--;
        }
        return name.substring(0, end);
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    private static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char current = name.charAt(i);
            if (current == '_' || current == '$') {
                flush(word, words);
                continue;
            }
            if (word.length() > 0 && startsNewWord(name, i)) {
                flush(word, words);
            }
            word.append(current);
        }
        flush(word, words);
        return words;
    }

    private static boolean startsNewWord(String name, int i) {
        char previous = name.charAt(i - 1);
        char current = name.charAt(i);
        boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isUpperCase(current)) {
            // "userEmail" splits before E; "SSLCerts" splits before C, the start of "Certs";
            // "2Add" splits before A.
            return Character.isLowerCase(previous)
                    || Character.isDigit(previous)
                    || (Character.isUpperCase(previous) && nextIsLower);
        }
        if (Character.isDigit(current)) {
            // "Add2" splits, but "V2" and "SHA256" stay one token.
            return Character.isLowerCase(previous);
        }
        return false;
    }

    private static boolean isAcronym(String word) {
        if (word.length() < 2) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.isLowerCase(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
