package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.File;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles with the JDK's own file manager, as Maven does, rather than compile-testing's in-memory
 * one: the class output is a real directory into which the build copied the resources first.
 */
class SqlBuildLayoutTest {

    @TempDir
    Path temporary;

    @Test
    void folderIsListedInTheClassOutputAsMavenLaysItOut() throws Exception {
        Path classes = Files.createDirectories(temporary.resolve("target/classes"));
        Path migrations = Files.createDirectories(classes.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__create_users.sql"), "CREATE TABLE users (id INTEGER);\n");
        Files.writeString(migrations.resolve("V2__add_email.sql"), "ALTER TABLE users ADD COLUMN email TEXT;\n");
        Path source = temporary.resolve("src/main/java/com/example/package-info.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "@dev.cairn.SqlMigrationDirectory(\"db/migration\")\npackage com.example;\n");

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter output = new StringWriter();
        boolean compiled;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = compiler.getTask(output, files, null,
                    List.of("-d", classes.toString(),
                            "-classpath", System.getProperty("java.class.path") + File.pathSeparator + classes),
                    null, files.getJavaFileObjects(source.toFile()));
            task.setProcessors(List.of(new MigrationProcessor()));
            compiled = task.call();
        }

        assertThat(output.toString()).isEmpty();
        assertThat(compiled).isTrue();
        String registry = Files.readString(classes.resolve("com/example/MigrationRegistry.java"));
        // Both scripts of the folder are in the registry, as SQL migrations (FLAGS 5 = transactional SQL).
        assertThat(registry).contains("\"db/migration/V1__create_users.sql\", \"db/migration/V2__add_email.sql\"");
        assertThat(registry).contains("private static final int[] FLAGS = {\n            5, 5\n        };");
        assertThat(registry).contains("case 1: return GeneratedMigrations.sqlScript(scripts,\n"
                + "                        \"db/migration/V2__add_email.sql\"");
        assertThat(Files.exists(classes.resolve("com/example/MigrationRegistry.class"))).isTrue();
    }
}
