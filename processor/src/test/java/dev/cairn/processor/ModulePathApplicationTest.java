package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.squareup.javapoet.JavaFile;
import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application with its own {@code module-info.java}, built as a modular build tool builds it
 * (resources copied to the class output, then javac on the module path with the processor on the
 * processor path) and run with {@code java --module-path ... -m}: what every other test, running on
 * the class path, cannot see. The generated registry must compile inside a named module that reads
 * only {@code dev.cairn.runtime} (and {@code dev.cairn.annotations} at compile time), and its SQL
 * scripts, which lie in a package-shaped folder ({@code db/migration}) of the application's module,
 * must be readable by the runtime's module.
 *
 * <pre>
 * module com.example.modular { requires dev.cairn.runtime; requires static dev.cairn.annotations; }
 * 1 CreateBooks (Java) &lt;- 2 AddAuthors (Java) &lt;- 3 db/migration/V3__index_books_by_author.sql
 * </pre>
 */
class ModulePathApplicationTest {

    private static final String MODULE = "com.example.modular";

    @TempDir
    Path temporary;

    private Path sources;
    private Path classes;

    @BeforeEach
    void writeApplication() throws IOException {
        sources = temporary.resolve("src");
        classes = Files.createDirectories(temporary.resolve("classes"));
        write(sources.resolve("module-info.java"),
                "module com.example.modular {",
                "    requires dev.cairn.runtime;",
                "    requires static dev.cairn.annotations;",
                "}");
        write(sources.resolve("com/example/modular/package-info.java"),
                "@SqlMigrationDirectory(value = \"db/migration\", dependsOn = 2)",
                "package com.example.modular;",
                "",
                "import dev.cairn.SqlMigrationDirectory;");
        write(sources.resolve("com/example/modular/CreateBooks.java"),
                "package com.example.modular;",
                "",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.JavaMigration;",
                "import dev.cairn.runtime.MigrationContext;",
                "",
                "@Migration(version = 1)",
                "public class CreateBooks implements JavaMigration {",
                "    @Override",
                "    public void up(MigrationContext context) throws Exception {",
                "        context.execute(\"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL)\");",
                "    }",
                "}");
        write(sources.resolve("com/example/modular/AddAuthors.java"),
                "package com.example.modular;",
                "",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.JavaMigration;",
                "import dev.cairn.runtime.MigrationContext;",
                "",
                "@Migration(version = 2, dependsOn = 1)",
                "public class AddAuthors implements JavaMigration {",
                "    @Override",
                "    public void up(MigrationContext context) throws Exception {",
                "        context.execute(\"CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL)\");",
                "        context.execute(\"ALTER TABLE books ADD COLUMN author_id INTEGER REFERENCES authors (id)\");",
                "    }",
                "}");
        write(sources.resolve("com/example/modular/Main.java"),
                "package com.example.modular;",
                "",
                "import dev.cairn.runtime.DriverManagerDataSource;",
                "import dev.cairn.runtime.MigrationReport;",
                "",
                "public final class Main {",
                "    public static void main(String[] args) {",
                "        MigrationReport report = MigrationRegistry.migrate(",
                "                new DriverManagerDataSource(\"jdbc:sqlite:\" + args[0], null, null));",
                "        System.out.println(\"applied \" + report.applied().size());",
                "    }",
                "}");
        // Maven copies src/main/resources to the class output before compiling; the processor finds
        // the folder there, and the module's classes directory carries the script at run time.
        write(classes.resolve("db/migration/V3__index_books_by_author.sql"),
                "CREATE INDEX books_by_author ON books (author_id);",
                "INSERT INTO authors (name) VALUES ('Ursula K. Le Guin');");
    }

    @Test
    void modularApplicationCompilesWithTheProcessorAndMigratesSqliteFromTheModulePath() throws Exception {
        List<Diagnostic<? extends JavaFileObject>> diagnostics = compile(sources);
        assertThat(diagnostics.stream().map(Object::toString).collect(Collectors.toList())).isEmpty();
        assertThat(Files.exists(classes.resolve("com/example/modular/MigrationRegistry.class"))).isTrue();
        assertThat(Files.exists(classes.resolve("module-info.class"))).isTrue();
        Path database = temporary.resolve("modular.db");

        Run run = runApplication(database);

        assertWithMessage(run.output).that(run.status).isEqualTo(0);
        assertThat(run.output).contains("applied 3");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')"
                    + " AND name IN ('books', 'authors', 'books_by_author') ORDER BY name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).containsExactly("authors", "books", "books_by_author").inOrder();
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM authors")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
            List<String> applied = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT version, type, description FROM cairn_schema_history"
                    + " WHERE version > 0 AND event = 'APPLY' AND success = 1 ORDER BY version")) {
                while (rows.next()) {
                    applied.add(rows.getLong(1) + " " + rows.getString(2) + " " + rows.getString(3));
                }
            }
            assertThat(applied).containsExactly(
                    "1 JAVA Create books", "2 JAVA Add authors", "3 SQL Index books by author").inOrder();
        }
    }

    /**
     * Issue 12 §1 in a named module: the registry lists its encapsulated script folder through its
     * own class, in the module's classes directory and in a modular jar, and refuses a script added
     * or edited after compilation.
     */
    @Test
    void modularApplicationRefusesScriptsChangedAfterCompilationFromADirectoryAndAJar() throws Exception {
        assertThat(errors(compile(sources))).isEmpty();
        Path database = temporary.resolve("stale.db");
        Run first = runApplication(database);
        assertWithMessage(first.output).that(first.status).isEqualTo(0);

        write(classes.resolve("db/migration/V4__add_tags.sql"), "CREATE TABLE tags (name TEXT);");
        write(classes.resolve("db/migration/V3__index_books_by_author.sql"),
                "CREATE INDEX books_by_author ON books (author_id, id);");
        Path jar = temporary.resolve("modular.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }

        for (Path application : List.of(classes, jar)) {
            Run stale = runApplication(application, database);
            assertWithMessage(stale.output).that(stale.status).isNotEqualTo(0);
            assertThat(stale.output).contains("StaleRegistryException");
            assertThat(stale.output).contains("db/migration/V4__add_tags.sql was added since compilation");
            assertThat(stale.output).contains("db/migration/V3__index_books_by_author.sql was changed since compilation");
        }
    }

    @Test
    void modularApplicationCannotUseTheRuntimesInternalPackages() throws Exception {
        write(sources.resolve("com/example/modular/Sneaky.java"),
                "package com.example.modular;",
                "",
                "final class Sneaky {",
                "    Object values() {",
                "        return dev.cairn.runtime.internal.ApiValues.get();",
                "    }",
                "}");

        List<String> errors = errors(compile(sources));

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("package dev.cairn.runtime.internal is declared in module dev.cairn.runtime,"
                + " which does not export it");
    }

    /**
     * Compiles every source under {@code root} into {@link #classes} as a module: the runtime and the
     * annotations on the module path, the Cairn processor (with what it needs) on the processor path.
     */
    private List<Diagnostic<? extends JavaFileObject>> compile(Path root) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<File> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().map(Path::toFile)
                    .collect(Collectors.toList());
        }
        List<String> options = List.of(
                "--module-path", path(location(JavaMigration.class), location(Migration.class)),
                "--processor-path", path(location(MigrationProcessor.class), location(JavaFile.class),
                        location(JavaMigration.class), location(Migration.class), location(org.sqlite.JDBC.class)),
                // Nothing on the class path: javac in-process would otherwise default to this JVM's.
                "--class-path", Files.createDirectories(temporary.resolve("empty-class-path")).toString(),
                "-d", classes.toString(),
                "-Xlint:all,-processing");
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            javac.getTask(out, fileManager, diagnostics, options, null, fileManager.getJavaFileObjectsFromFiles(files)).call();
        }
        assertWithMessage(out.toString()).that(out.toString()).isEmpty();
        return diagnostics.getDiagnostics();
    }

    private static List<String> errors(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(diagnostic.toString());
            }
        }
        return errors;
    }

    /** What the child JVM printed and its exit status. */
    private static final class Run {
        final int status;
        final String output;

        Run(int status, String output) {
            this.status = status;
            this.output = output;
        }
    }

    /** {@code java --module-path <app>:<runtime>:<annotations>:<sqlite-jdbc> -m com.example.modular/...Main <db>}. */
    private Run runApplication(Path database) throws Exception {
        return runApplication(classes, database);
    }

    /** {@link #runApplication(Path)} with the application's module at {@code application}, a directory or a jar. */
    private Run runApplication(Path application, Path database) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(),
                "--module-path", path(application, location(JavaMigration.class), location(Migration.class),
                        location(org.sqlite.JDBC.class)),
                "-m", MODULE + "/" + MODULE + ".Main", database.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), String.join(" ", command) + "\n" + new String(output, StandardCharsets.UTF_8));
    }

    /** Where a class was loaded from: a jar, or a build's classes directory. */
    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String path(Path... entries) {
        return Stream.of(entries).map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static void write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
    }
}
