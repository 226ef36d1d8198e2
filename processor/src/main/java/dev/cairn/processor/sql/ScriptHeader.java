package dev.cairn.processor.sql;

import dev.cairn.runtime.MigrationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The settings a folder script may give in its leading comment lines (the lines before the first
 * one that is neither blank nor a {@code --} comment):
 *
 * <pre>{@code
 * -- depends-on: 2, 5, 1.10
 * -- transactional: false
 * CREATE INDEX CONCURRENTLY ...;
 * }</pre>
 *
 * Versions are written as in file names: {@code 7}, or with parts {@code 1.10} or {@code 1_10}.
 * {@code -- depends-on:} with nothing after it makes the script a root. Anything else in those
 * comments is ordinary comment text.
 */
final class ScriptHeader {

    private static final String DEPENDS_ON = "depends-on:";
    private static final String TRANSACTIONAL = "transactional:";

    private final List<MigrationVersion> dependsOn;
    private final int dependsOnLine;
    private final Boolean transactional;
    private final List<String> problems;

    private ScriptHeader(List<MigrationVersion> dependsOn, int dependsOnLine, Boolean transactional, List<String> problems) {
        this.dependsOn = dependsOn;
        this.dependsOnLine = dependsOnLine;
        this.transactional = transactional;
        this.problems = problems;
    }

    static ScriptHeader parse(String script, String text) {
        List<MigrationVersion> dependsOn = null;
        int dependsOnLine = 0;
        Boolean transactional = null;
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).trim();
            }
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("--")) {
                break;
            }
            String comment = line.substring(2).trim();
            String lower = comment.toLowerCase(Locale.ROOT);
            String at = script + ":" + (i + 1);
            if (lower.startsWith(DEPENDS_ON)) {
                if (dependsOn != null) {
                    problems.add(at + ": a second '-- depends-on:' line; list every dependency in one line.");
                    continue;
                }
                dependsOn = new ArrayList<>();
                dependsOnLine = i + 1;
                String list = comment.substring(DEPENDS_ON.length()).trim();
                if (list.isEmpty()) {
                    continue;
                }
                for (String entry : list.split(",")) {
                    String version = entry.trim();
                    if (MigrationVersion.problemWith(version) == null) {
                        dependsOn.add(MigrationVersion.parse(version));
                    } else {
                        problems.add(at + ": '-- depends-on:' lists '" + version + "', which is not a"
                                + " version. Write versions separated by commas, e.g. '-- depends-on: 2, 5',"
                                + " or nothing for no dependencies.");
                    }
                }
            } else if (lower.startsWith(TRANSACTIONAL)) {
                String value = lower.substring(TRANSACTIONAL.length()).trim();
                if (value.equals("true") || value.equals("false")) {
                    transactional = Boolean.valueOf(value);
                } else {
                    problems.add(at + ": '-- transactional:' must be 'true' or 'false', not '" + value + "'.");
                }
            }
        }
        return new ScriptHeader(dependsOn, dependsOnLine, transactional, problems);
    }

    /** The versions of a {@code -- depends-on:} line, or null when there is none. */
    List<MigrationVersion> dependsOn() {
        return dependsOn;
    }

    /** The line of {@code -- depends-on:}, 0 when there is none. */
    int dependsOnLine() {
        return dependsOnLine;
    }

    /** The {@code -- transactional:} value, or null when not given. */
    Boolean transactional() {
        return transactional;
    }

    /** Malformed header lines, each as {@code <script>:<line>: <what is wrong>}. */
    List<String> problems() {
        return problems;
    }
}
