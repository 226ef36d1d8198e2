package dev.cairn.cli;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationNames;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the source of a new, empty migration for {@code new}: the class name comes from the
 * description, the version is the next free one, and {@code dependsOn} lists the graph's current
 * heads (the migrations nothing depends on yet), so a new migration runs after everything that
 * exists today and two developers adding one each produce a visible branch, not a silent tie.
 *
 * <pre>{@code
 * MigrationTemplate template = MigrationTemplate.forDescription("Add user email", registry.migrations(), clock);
 * template.className();  // "AddUserEmail"
 * template.source("com.example.db");
 * template.scriptName();  // "V4__add_user_email.sql", for new --sql
 * template.script();      // "-- depends-on: 2, 3" and a comment template
 * }</pre>
 */
final class MigrationTemplate {
    /**
     * Versions at or above this look like {@code yyyyMMddHHmmss} timestamps; a project using them
     * gets the current UTC time as the next version instead of "highest plus one".
     */
    private static final long TIMESTAMP_VERSIONS = 19_000_101_000_000L;

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final String description;
    private final String className;
    private final long version;
    private final List<MigrationVersion> dependsOn;

    private MigrationTemplate(String description, String className, long version, List<MigrationVersion> dependsOn) {
        this.description = description;
        this.className = className;
        this.version = version;
        this.dependsOn = dependsOn;
    }

    static MigrationTemplate forDescription(String description, List<MigrationDescriptor> existing, Clock clock) {
        String trimmed = description.trim();
        String className = MigrationNames.className(trimmed);
        if (className.isEmpty()) {
            throw new UsageException("The description '" + description
                    + "' has no letters or digits to make a class name from; describe the change, e.g. \"Add user email\".");
        }
        return new MigrationTemplate(trimmed, className, nextVersion(existing, clock), heads(existing));
    }

    /** The same migration with another version, for {@code new --version V}. */
    MigrationTemplate withVersion(long otherVersion) {
        return new MigrationTemplate(description, className, otherVersion, dependsOn);
    }

    String className() {
        return className;
    }

    long version() {
        return version;
    }

    List<MigrationVersion> dependsOn() {
        return dependsOn;
    }

    /**
     * The file name of a SQL script migration in the folder convention the processor reads:
     * {@code V<version>__<description in lower snake case>.sql}, from which it derives the
     * description back ("add_user_email" gives "Add user email").
     */
    String scriptName() {
        return MigrationNames.scriptFileName(version, description);
    }

    /** The undo script's name beside {@link #scriptName()}. */
    String undoScriptName() {
        return MigrationNames.undoScriptFileName(version, description);
    }

    /**
     * The text of a new SQL script migration: the {@code -- depends-on:} header listing the
     * graph's heads (empty for the first migration, which makes it a root), then comments that
     * say how Cairn runs the script. It has no statement yet, which the processor refuses, so an
     * unfinished script cannot be applied by accident.
     */
    String script() {
        StringBuilder out = new StringBuilder("-- depends-on:");
        for (int i = 0; i < dependsOn.size(); i++) {
            out.append(i > 0 ? ", " : " ").append(dependsOn.get(i));
        }
        out.append('\n');
        out.append("-- ").append(description.replace('\n', ' ').replace('\r', ' ')).append('\n');
        out.append("--\n");
        out.append("-- Write the statements below, each ending with ';'. Cairn runs the whole script in one\n");
        out.append("-- transaction together with its history row, so it must not contain BEGIN, COMMIT or\n");
        out.append("-- ROLLBACK (savepoints are fine). For a statement that cannot run in a transaction,\n");
        out.append("-- such as PostgreSQL's CREATE INDEX CONCURRENTLY, add the header line\n");
        out.append("-- 'transactional: false' (as a comment) next to depends-on above.\n");
        out.append("-- To make the migration reversible, write the statements that undo it in\n");
        out.append("-- ").append(undoScriptName()).append(" beside this file.\n");
        out.append("\n");
        return out.toString();
    }

    /**
     * Whether the processor will derive exactly this description from the class name, so the
     * template can leave {@code description} out. Only claimed for plain words of two or more
     * letters: digits, acronyms and one-letter words are where derivation rules can differ, and
     * an explicit description is never wrong.
     */
    private boolean describedByClassName() {
        if (!description.matches("[A-Z][a-z]+( [a-z]{2,})*")) {
            return false;
        }
        return MigrationNames.description(className).equals(description);
    }

    static long nextVersion(List<MigrationDescriptor> existing, Clock clock) {
        long highest = 0;
        for (MigrationDescriptor migration : existing) {
            // A version with parts (1.10) counts by its first part: the new one is the next whole number.
            highest = Math.max(highest, migration.version().leadingPart());
        }
        if (highest >= TIMESTAMP_VERSIONS) {
            long now = Long.parseLong(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).format(TIMESTAMP));
            return Math.max(now, highest + 1);
        }
        return highest + 1;
    }

    /** Migrations no other migration depends on, ascending. */
    static List<MigrationVersion> heads(List<MigrationDescriptor> existing) {
        Set<MigrationVersion> dependedOn = new HashSet<>();
        for (MigrationDescriptor migration : existing) {
            dependedOn.addAll(migration.dependsOn());
        }
        List<MigrationVersion> heads = new ArrayList<>();
        for (MigrationDescriptor migration : existing) {
            if (!dependedOn.contains(migration.version())) {
                heads.add(migration.version());
            }
        }
        heads.sort(null);
        return heads;
    }

    /** {@code , name = value} or {@code , name = {a, b}}; nothing for no values. */
    private static void appendArray(StringBuilder out, String name, List<String> values) {
        if (values.size() == 1) {
            out.append(", ").append(name).append(" = ").append(values.get(0));
        } else if (values.size() > 1) {
            out.append(", ").append(name).append(" = {").append(String.join(", ", values)).append('}');
        }
    }

    String source(String packageName) {
        StringBuilder out = new StringBuilder();
        if (!packageName.isEmpty()) {
            out.append("package ").append(packageName).append(";\n\n");
        }
        out.append("import dev.cairn.Migration;\n");
        out.append("import dev.cairn.runtime.JavaMigration;\n");
        out.append("import dev.cairn.runtime.MigrationContext;\n\n");
        out.append("@Migration(version = ").append(literal(version));
        List<String> whole = new ArrayList<>();
        List<String> dotted = new ArrayList<>();
        for (MigrationVersion dependency : dependsOn) {
            if (dependency.isWhole()) {
                whole.add(literal(dependency.asLong()));
            } else {
                dotted.add('"' + dependency.toString() + '"');
            }
        }
        appendArray(out, "dependsOn", whole);
        appendArray(out, "dependsOnDotted", dotted);
        if (!describedByClassName()) {
            out.append(", description = \"").append(javaString(description)).append('"');
        }
        out.append(")\n");
        out.append("public final class ").append(className).append(" implements JavaMigration {\n\n");
        out.append("    @Override\n");
        out.append("    public void up(MigrationContext context) throws Exception {\n");
        out.append("        // Write the change here, e.g.:\n");
        out.append("        // context.execute(\"ALTER TABLE users ADD COLUMN email TEXT\");\n");
        out.append("        throw new UnsupportedOperationException(\"")
                .append(className)
                .append(" is not written yet\");\n");
        out.append("    }\n\n");
        out.append("    // Override down(MigrationContext) to make the migration reversible (rollback),\n");
        out.append("    // and verify(MigrationContext) to check a post-condition inside its transaction.\n");
        out.append("}\n");
        return out.toString();
    }

    private static String literal(long value) {
        return value > Integer.MAX_VALUE ? value + "L" : Long.toString(value);
    }

    private static String javaString(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
