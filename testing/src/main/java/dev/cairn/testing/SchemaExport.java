package dev.cairn.testing;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The schema after each migration, as files for code review: {@code <version>.schema} in one
 * folder, one {@link SchemaSnapshot} fact per line. A reviewer sees each migration's effect as a
 * plain diff of two files, as with Room's exported schemas; a test fails when the committed files
 * are stale.
 *
 * <pre>{@code
 * // in a test: fails naming the stale files, or writes them with -Dcairn.updateSchemas=true
 * tester.assertExportedSchemasAreCurrent(Path.of("src/test/resources/cairn-schema"));
 *
 * // from a shell, with the application's test class path:
 * // java dev.cairn.testing.SchemaExport com.example.db.MigrationRegistry src/test/resources/cairn-schema
 * }</pre>
 */
public final class SchemaExport {

    /** The system property that makes {@link MigrationTester#assertExportedSchemasAreCurrent} write the files. */
    public static final String UPDATE_PROPERTY = "cairn.updateSchemas";

    static final String SUFFIX = ".schema";
    private static final Pattern FACT = Pattern.compile(
            "(table|index|view|materialized view|trigger|function|enum) \\S.*");

    private SchemaExport() {
    }

    /**
     * Writes the schema after each migration of {@code registryClass} (a class with a static
     * {@code INSTANCE}, as the generated registry has) into {@code folder}, on a temporary SQLite
     * database, or on a fresh schema of the PostgreSQL database given as the third argument.
     *
     * @param args registry class name, folder, and optionally a PostgreSQL JDBC URL (user and
     *     password from {@code CAIRN_USER} and {@code CAIRN_PASSWORD})
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("Usage: SchemaExport <registry class> <folder> [jdbc:postgresql://...]");
            System.exit(2);
        }
        Registry registry = (Registry) Class.forName(args[0]).getField("INSTANCE").get(null);
        Path folder = Path.of(args[1]);
        try (MigrationTester tester = args.length == 3
                ? MigrationTester.postgres(registry, args[2], System.getenv("CAIRN_USER"), System.getenv("CAIRN_PASSWORD"))
                : MigrationTester.sqlite(registry)) {
            List<Path> written = tester.exportSchemas(folder);
            System.out.println("Wrote " + written.size() + " schema file(s) to " + folder);
        }
    }

    /** The snapshot after each migration, by version, in the registry's order; the tester must be fresh. */
    static Map<MigrationVersion, SchemaSnapshot> build(MigrationTester tester) {
        Map<MigrationVersion, SchemaSnapshot> snapshots = new LinkedHashMap<>();
        for (MigrationDescriptor migration : tester.registry().migrations()) {
            tester.migrateTo(migration.version());
            snapshots.put(migration.version(), tester.snapshot());
        }
        return snapshots;
    }

    static List<Path> write(Map<MigrationVersion, SchemaSnapshot> snapshots, Path folder) {
        try {
            Files.createDirectories(folder);
            for (Path stale : existing(folder)) {
                Files.delete(stale);
            }
            List<Path> written = new ArrayList<>();
            for (Map.Entry<MigrationVersion, SchemaSnapshot> snapshot : snapshots.entrySet()) {
                Path file = folder.resolve(snapshot.getKey() + SUFFIX);
                Files.writeString(file, header(snapshot.getKey()) + snapshot.getValue().text(), StandardCharsets.UTF_8);
                written.add(file);
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the exported schemas to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** What differs between the files and {@code snapshots}: one paragraph per stale, missing or extra file. */
    static List<String> compare(Map<MigrationVersion, SchemaSnapshot> snapshots, Path folder) {
        List<String> problems = new ArrayList<>();
        List<Path> files = Files.isDirectory(folder) ? existing(folder) : List.of();
        for (Map.Entry<MigrationVersion, SchemaSnapshot> snapshot : snapshots.entrySet()) {
            Path file = folder.resolve(snapshot.getKey() + SUFFIX);
            if (!Files.exists(file)) {
                problems.add(file + " is missing (the schema after migration " + snapshot.getKey() + ")");
                continue;
            }
            List<String> differences = snapshot.getValue().differencesFrom(read(file));
            if (!differences.isEmpty()) {
                problems.add(file + " is stale; the migrations now give:\n    " + String.join("\n    ", differences));
            }
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String version = name.substring(0, name.length() - SUFFIX.length());
            if (MigrationVersion.problemWith(version) != null
                    || !snapshots.containsKey(MigrationVersion.parse(version))) {
                problems.add(file + " is for no migration of the registry");
            }
        }
        return problems;
    }

    /** Reads an exported file; a line that is no fact is an error naming the file and line. */
    static SchemaSnapshot read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the exported schema " + file + ": " + e.getMessage(), e);
        }
        List<String> facts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("--")) {
                continue;
            }
            if (!FACT.matcher(line).matches()) {
                throw new IllegalStateException("The exported schema " + file + " cannot be read: line " + (i + 1)
                        + " (\"" + line + "\") is not a schema fact (table, index, view, trigger, function or enum). "
                        + "It was edited by hand: write it again with -D" + UPDATE_PROPERTY + "=true.");
            }
            facts.add(line);
        }
        return new SchemaSnapshot(facts);
    }

    private static String header(MigrationVersion version) {
        return "-- The schema after migration " + version + ", written by Cairn (dev.cairn.testing.SchemaExport).\n"
                + "-- Do not edit: refresh with -D" + UPDATE_PROPERTY + "=true.\n";
    }

    private static List<Path> existing(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> schemas = new ArrayList<>();
            files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted().forEach(schemas::add);
            return schemas;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + folder + ": " + e.getMessage(), e);
        }
    }
}
