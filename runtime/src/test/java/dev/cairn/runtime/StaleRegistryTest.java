package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.generated.CompiledScripts;
import dev.cairn.runtime.generated.GeneratedMigrations;
import dev.cairn.runtime.generated.MigrationFactory;
import dev.cairn.runtime.internal.sql.SqlScript;
import dev.cairn.runtime.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A registry compiled from one set of scripts, started with another on the class path (the build ran
 * no annotation processor after the scripts changed): refused on every start, the one-row up-to-date
 * start included, naming each script added, changed or removed. The registries here are built as the
 * processor builds them ({@link CompiledScripts} over a class loader), their scripts in a directory or
 * a jar, on a SQLite file.
 */
class StaleRegistryTest {

    private static final String FOLDER = "db/migration";
    private static final String V1 = "V1__create_books.sql";
    private static final String U1 = "U1__create_books.sql";
    private static final String V2 = "V2__create_authors.sql";

    @TempDir
    Path temp;

    /** Where the application's resources are: a class-path directory, or a jar. */
    enum Packaging {
        DIRECTORY, JAR
    }

    private static Map<String, String> scripts() {
        Map<String, String> scripts = new TreeMap<>();
        scripts.put(V1, "CREATE TABLE books (id INTEGER PRIMARY KEY);\n");
        scripts.put(U1, "DROP TABLE books;\n");
        scripts.put(V2, "CREATE TABLE authors (id INTEGER PRIMARY KEY);\n");
        return scripts;
    }

    /** The class-path root holding {@code files} (name in the folder to text), as packaged. */
    private URL[] packaged(Packaging packaging, Map<String, String> files, String tag) throws IOException {
        if (packaging == Packaging.DIRECTORY) {
            Path root = Files.createDirectories(temp.resolve(tag));
            Path folder = Files.createDirectories(root.resolve(FOLDER));
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(folder.resolve(file.getKey()), file.getValue());
            }
            return new URL[] {root.toUri().toURL()};
        }
        Path jar = temp.resolve(tag + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out)) {
            entries.putNextEntry(new JarEntry("com/example/Other.class"));
            entries.closeEntry();
            for (Map.Entry<String, String> file : files.entrySet()) {
                entries.putNextEntry(new JarEntry(FOLDER + "/" + file.getKey()));
                entries.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                entries.closeEntry();
            }
        }
        return new URL[] {jar.toUri().toURL()};
    }

    private static Migrator migrator(TestDatabase database, Registry registry) {
        return Migrator.builder(registry).dataSource(database.dataSource()).build();
    }

    @ParameterizedTest
    @EnumSource(Packaging.class)
    void registryMatchingItsScriptsMigratesAndStartsUpToDate(Packaging packaging) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open();
                URLClassLoader loader = new URLClassLoader(packaged(packaging, scripts(), "app"), null)) {
            ScriptRegistry registry = new ScriptRegistry(loader, scripts());

            assertEquals(2, migrator(database, registry).migrate().applied().size());
            assertTrue(migrator(database, registry).migrate().applied().isEmpty());
            assertTrue(migrator(database, registry).validate().isValid());
        }
    }

    @ParameterizedTest
    @EnumSource(Packaging.class)
    void scriptAddedToTheFolderAfterCompilationIsRefusedOnTheUpToDateStart(Packaging packaging) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Map<String, String> compiled = scripts();
            try (URLClassLoader loader = new URLClassLoader(packaged(packaging, compiled, "before"), null)) {
                migrator(database, new ScriptRegistry(loader, compiled)).migrate();
                migrator(database, new ScriptRegistry(loader, compiled)).migrate(); // the VERIFIED row is written
            }
            Map<String, String> onClassPath = new TreeMap<>(compiled);
            onClassPath.put("V3__add_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n");
            onClassPath.put("README.md", "not a script");
            try (URLClassLoader loader = new URLClassLoader(packaged(packaging, onClassPath, "after"), null)) {
                ScriptRegistry stale = new ScriptRegistry(loader, compiled);

                StaleRegistryException refused = assertThrows(StaleRegistryException.class,
                        () -> migrator(database, stale).migrate());

                assertEquals(List.of(FOLDER + "/V3__add_tags.sql"), refused.added());
                assertEquals(List.of(), refused.changed());
                assertEquals(List.of(), refused.removed());
                assertTrue(refused.getMessage().contains("  - db/migration/V3__add_tags.sql was added since compilation"),
                        refused.getMessage());
                assertTrue(refused.getMessage().contains("'mvn clean compile'"), refused.getMessage());
                assertTrue(refused.getMessage().contains(ScriptRegistry.class.getName()), refused.getMessage());
                assertThrows(StaleRegistryException.class, () -> migrator(database, stale).validate());
                assertThrows(StaleRegistryException.class, () -> migrator(database, stale).plan());
                assertFalse(database.tableExists("tags"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Packaging.class)
    void appliedScriptEditedAfterCompilationIsRefusedOnTheUpToDateStart(Packaging packaging) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Map<String, String> compiled = scripts();
            try (URLClassLoader loader = new URLClassLoader(packaged(packaging, compiled, "before"), null)) {
                migrator(database, new ScriptRegistry(loader, compiled)).migrate();
                migrator(database, new ScriptRegistry(loader, compiled)).migrate();
            }
            Map<String, String> onClassPath = new TreeMap<>(compiled);
            onClassPath.put(V2, compiled.get(V2) + "CREATE INDEX authors_id ON authors (id);\n");
            onClassPath.put(U1, "DROP TABLE IF EXISTS books;\n");
            try (URLClassLoader loader = new URLClassLoader(packaged(packaging, onClassPath, "after"), null)) {
                ScriptRegistry stale = new ScriptRegistry(loader, compiled);

                StaleRegistryException refused = assertThrows(StaleRegistryException.class,
                        () -> migrator(database, stale).migrate());

                assertEquals(List.of(FOLDER + "/" + V1.replace('V', 'U'), FOLDER + "/" + V2), sorted(refused.changed()));
                assertEquals(List.of(), refused.added());
                assertTrue(refused.getMessage().contains("  - db/migration/V2__create_authors.sql was changed since "
                        + "compilation"), refused.getMessage());
                assertThrows(StaleRegistryException.class, () -> migrator(database, stale).info());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Packaging.class)
    void scriptRemovedAfterCompilationIsRefused(Packaging packaging) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Map<String, String> compiled = scripts();
            Map<String, String> onClassPath = new TreeMap<>(compiled);
            onClassPath.remove(V2);
            try (URLClassLoader loader = new URLClassLoader(packaged(packaging, onClassPath, "after"), null)) {
                ScriptRegistry stale = new ScriptRegistry(loader, compiled);

                StaleRegistryException refused = assertThrows(StaleRegistryException.class,
                        () -> migrator(database, stale).migrate());

                assertEquals(List.of(FOLDER + "/" + V2), refused.removed());
                assertTrue(refused.getMessage().contains("  - db/migration/V2__create_authors.sql was removed since "
                        + "compilation"), refused.getMessage());
                assertFalse(database.tableExists("books"), "nothing ran");
            }
        }
    }

    /**
     * Issue 18: the check used to read every script before an operation, and the run it guards each
     * pending script twice more (once to check them all before the first runs, once to run it). Now
     * the check reads none whose stamp matches (U1, never run, is not read at all), and a pending
     * script is read once, by the check before the run, which keeps it for the run.
     */
    @ParameterizedTest
    @EnumSource(Packaging.class)
    void aRunReadsEachPendingScriptOnceTheCheckIncluded(Packaging packaging) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open();
                URLClassLoader loader = new URLClassLoader(packaged(packaging, scripts(), "app"), null)) {
            ScriptRegistry registry = new ScriptRegistry(loader, scripts());

            assertEquals(2, migrator(database, registry).migrate().applied().size());

            assertEquals(Map.of(FOLDER + "/" + V1, 1, FOLDER + "/" + V2, 1), registry.opened);
            assertTrue(database.tableExists("books"));
            assertTrue(database.tableExists("authors"));
        }
    }

    /** Without stamps (an older processor) the check reads every script, and the run reads none again. */
    @ParameterizedTest
    @EnumSource(Packaging.class)
    void aRunOfARegistryWithoutStampsReadsEachScriptOnce(Packaging packaging) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open();
                URLClassLoader loader = new URLClassLoader(packaged(packaging, scripts(), "app"), null)) {
            ScriptRegistry registry = new ScriptRegistry(loader, scripts(), false);

            assertEquals(2, migrator(database, registry).migrate().applied().size());

            assertEquals(Map.of(FOLDER + "/" + V1, 1, FOLDER + "/" + U1, 1, FOLDER + "/" + V2, 1), registry.opened);
        }
    }

    /**
     * Issue 18: on an up-to-date start the stamps of the listed folder (a jar's central directory, a
     * directory's files and their CRC-32) prove every script unchanged: nothing is read through the
     * registry, as the floor reads nothing.
     */
    @ParameterizedTest
    @EnumSource(Packaging.class)
    void upToDateStartReadsNoScript(Packaging packaging) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open();
                URLClassLoader loader = new URLClassLoader(packaged(packaging, scripts(), "app"), null)) {
            migrator(database, new ScriptRegistry(loader, scripts())).migrate();
            ScriptRegistry registry = new ScriptRegistry(loader, scripts());

            assertTrue(migrator(database, registry).migrate().applied().isEmpty());
            assertTrue(migrator(database, registry).migrate().applied().isEmpty()); // the one-row start
            assertTrue(migrator(database, registry).validate().isValid());

            assertEquals(Map.of(), registry.opened);
        }
    }

    /**
     * A one-character edit keeps the size: the CRC-32 (of a jar's entry, or of the file's bytes) still
     * differs, so the fast path does not accept it, and the checksum refuses it.
     */
    @ParameterizedTest
    @EnumSource(Packaging.class)
    void scriptEditedKeepingItsSizeIsRefused(Packaging packaging) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Map<String, String> compiled = scripts();
            Map<String, String> onClassPath = new TreeMap<>(compiled);
            String edited = compiled.get(V2).replace("authors", "authorz");
            assertEquals(compiled.get(V2).length(), edited.length());
            onClassPath.put(V2, edited);
            try (URLClassLoader loader = new URLClassLoader(packaged(packaging, onClassPath, "same-size"), null)) {
                ScriptRegistry stale = new ScriptRegistry(loader, compiled);

                StaleRegistryException refused = assertThrows(StaleRegistryException.class,
                        () -> migrator(database, stale).migrate());

                assertEquals(List.of(FOLDER + "/" + V2), refused.changed());
                assertEquals(List.of(), refused.added());
                assertEquals(List.of(), refused.removed());
                assertEquals(Map.of(FOLDER + "/" + V2, 1), stale.opened, "only the script whose stamp differs is read");
                assertFalse(database.tableExists("books"), "nothing ran");
            }
        }
    }

    /**
     * A copy whose bytes differ but whose text is the compiled one after normalisation (CRLF line
     * endings, as git may check it out) has another stamp: it is judged by its checksum, as before
     * stamps, and accepted.
     */
    @ParameterizedTest
    @EnumSource(Packaging.class)
    void copyWithOtherLineEndingsIsJudgedByItsChecksum(Packaging packaging) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Map<String, String> compiled = scripts();
            Map<String, String> onClassPath = new TreeMap<>(compiled);
            onClassPath.put(V1, compiled.get(V1).replace("\n", "\r\n"));
            try (URLClassLoader loader = new URLClassLoader(packaged(packaging, onClassPath, "crlf"), null)) {
                ScriptRegistry registry = new ScriptRegistry(loader, compiled);

                assertEquals(2, migrator(database, registry).migrate().applied().size());

                assertEquals(Map.of(FOLDER + "/" + V1, 1, FOLDER + "/" + V2, 1), registry.opened);
                assertTrue(database.tableExists("books"));
            }
        }
    }

    /** A registry without stamps (an older processor, or written by hand) is checked by reading, as before. */
    @ParameterizedTest
    @EnumSource(Packaging.class)
    void registryWithoutStampsStillDetectsAddedChangedAndRemovedScripts(Packaging packaging) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Map<String, String> compiled = scripts();
            Map<String, String> onClassPath = new TreeMap<>(compiled);
            onClassPath.put("V3__add_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n");
            onClassPath.put(V2, compiled.get(V2).replace("authors", "authorz")); // same size
            onClassPath.remove(U1);
            try (URLClassLoader loader = new URLClassLoader(packaged(packaging, onClassPath, "unstamped"), null)) {
                ScriptRegistry stale = new ScriptRegistry(loader, compiled, false);

                StaleRegistryException refused = assertThrows(StaleRegistryException.class,
                        () -> migrator(database, stale).migrate());

                assertEquals(List.of(FOLDER + "/V3__add_tags.sql"), refused.added());
                assertEquals(List.of(FOLDER + "/" + V2), refused.changed());
                assertEquals(List.of(FOLDER + "/" + U1), refused.removed());
                assertFalse(database.tableExists("books"), "nothing ran");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Packaging.class)
    void scriptEditedBetweenTwoOperationsOfOneRegistryIsStillRefused(Packaging packaging) throws Exception {
        try (TestDatabase database = TestDatabase.Kind.SQLITE_FILE.open()) {
            Map<String, String> compiled = scripts();
            Path root = temp.resolve("edited");
            URL[] urls = packaging == Packaging.DIRECTORY ? packaged(packaging, compiled, "edited")
                    : packaged(packaging, compiled, "edited-jar");
            try (URLClassLoader loader = new URLClassLoader(urls, null)) {
                ScriptRegistry registry = new ScriptRegistry(loader, compiled);
                assertTrue(migrator(database, registry).validate().isValid()); // the check has read every script
                if (packaging == Packaging.JAR) {
                    return; // a jar in use is not edited in place; the directory case is the one that matters
                }
                Files.writeString(root.resolve(FOLDER).resolve(V2), "CREATE TABLE authors (id INTEGER);\n");

                StaleRegistryException refused = assertThrows(StaleRegistryException.class,
                        () -> migrator(database, registry).migrate());

                assertEquals(List.of(FOLDER + "/" + V2), refused.changed());
                assertFalse(database.tableExists("books"), "nothing ran");

                // An edit that keeps the size, after a check that found the file as compiled.
                Files.writeString(root.resolve(FOLDER).resolve(V2), compiled.get(V2));
                assertTrue(migrator(database, registry).validate().isValid());
                Files.writeString(root.resolve(FOLDER).resolve(V2), compiled.get(V2).replace("authors", "authorz"));

                refused = assertThrows(StaleRegistryException.class, () -> migrator(database, registry).migrate());

                assertEquals(List.of(FOLDER + "/" + V2), refused.changed());
                assertFalse(database.tableExists("books"), "nothing ran");
            }
        }
    }

    private static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        Collections.sort(copy);
        return copy;
    }

    /**
     * A registry as the processor generates it for the folder {@code db/migration}: V1 (with its undo
     * script) and V2, compiled with the checksums of {@code compiled}, reading its scripts through
     * {@code loader} as the generated class reads them through its own class.
     */
    static final class ScriptRegistry implements Registry, MigrationFactory, CompiledScripts {

        private final ClassLoader loader;
        private final Map<String, String> compiled;
        private final boolean stamped;
        /** How many times each script was opened. */
        final Map<String, Integer> opened = new java.util.concurrent.ConcurrentHashMap<>();

        /** As the processor generates it now: each script with its stamp (size and CRC-32). */
        ScriptRegistry(ClassLoader loader, Map<String, String> compiled) {
            this(loader, compiled, true);
        }

        /** @param stamped false: as an older processor generated it, without stamps */
        ScriptRegistry(ClassLoader loader, Map<String, String> compiled, boolean stamped) {
            this.loader = loader;
            this.compiled = compiled;
            this.stamped = stamped;
        }

        private String checksum(String fileName) {
            return SqlScript.checksum(compiled.get(fileName));
        }

        private long stamp(String fileName) {
            return SqlScript.stamp(compiled.get(fileName).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public List<MigrationDescriptor> migrations() {
            return List.of(
                    GeneratedMigrations.sqlMigration(1, "Create books", new long[0], FOLDER + "/" + V1, true, true,
                            checksum(V1), this, 0),
                    GeneratedMigrations.sqlMigration(2, "Create authors", new long[] {1}, FOLDER + "/" + V2, true,
                            false, checksum(V2), this, 1));
        }

        @Override
        public Optional<String> fingerprint() {
            return Optional.of("sha256:stale-registry-test");
        }

        @Override
        public JavaMigration create(int index) {
            if (!stamped) {
                return index == 0
                        ? GeneratedMigrations.sqlScript(this, FOLDER + "/" + V1, checksum(V1), FOLDER + "/" + U1,
                                checksum(U1))
                        : GeneratedMigrations.sqlScript(this, FOLDER + "/" + V2, checksum(V2), null, null);
            }
            return index == 0
                    ? GeneratedMigrations.sqlScript(this, FOLDER + "/" + V1, checksum(V1), FOLDER + "/" + U1,
                            checksum(U1), stamp(V1), stamp(U1))
                    : GeneratedMigrations.sqlScript(this, FOLDER + "/" + V2, checksum(V2), null, null, stamp(V2), -1);
        }

        @Override
        public List<String> scriptFolders() {
            return List.of(FOLDER);
        }

        @Override
        public URL resource(String name) {
            return loader.getResource(name);
        }

        @Override
        public InputStream open(String name) {
            opened.merge(name, 1, Integer::sum);
            try {
                URL url = loader.getResource(name);
                return url == null ? null : url.openStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
