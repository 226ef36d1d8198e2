package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dev.cairn.Migration;
import dev.cairn.runtime.JavaMigration;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the processor does with what is, or is not, on the compile classpath. */
class ClasspathTest {

    @TempDir
    Path temporary;

    private static File annotationsLocation() throws URISyntaxException {
        return new File(Migration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * A copy of cairn-runtime without Migrator and MigrationReport, as in a build against a
     * runtime that has no engine: every other class of the runtime package is copied, so the test
     * keeps working as the runtime grows.
     */
    private File runtimeWithoutMigrator() throws Exception {
        Path source = Path.of(JavaMigration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path target = temporary.resolve("runtime-without-migrator");
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    copyUnlessEngine(source.relativize(file).toString().replace(File.separatorChar, '/'),
                            Files.readAllBytes(file), target);
                }
            }
        } else {
            try (ZipFile jar = new ZipFile(source.toFile())) {
                for (ZipEntry entry : Collections.list(jar.entries())) {
                    if (!entry.isDirectory()) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            copyUnlessEngine(entry.getName(), in.readAllBytes(), target);
                        }
                    }
                }
            }
        }
        assertThat(Files.exists(target.resolve("dev/cairn/runtime/JavaMigration.class"))).isTrue();
        return target.toFile();
    }

    private static void copyUnlessEngine(String name, byte[] bytes, Path target) throws IOException {
        if (!name.endsWith(".class")
                || name.startsWith("dev/cairn/runtime/Migrator")
                || name.startsWith("dev/cairn/runtime/MigrationReport")) {
            return;
        }
        Path file = target.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    @Test
    void migrateMethodIsOmittedWhenTheRuntimeHasNoMigrator() throws Exception {
        Compilation compilation = javac()
                .withProcessors(new MigrationProcessor())
                .withClasspath(List.of(annotationsLocation(), runtimeWithoutMigrator()))
                .compile(BranchingGraph.sources());

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.MigrationRegistry")
                .contentsAsUtf8String().doesNotContain("MigrationReport migrate(");
    }

    @Test
    void missingRuntimeIsReportedOnceWithTheDependencyToAdd() throws Exception {
        Compilation compilation = javac()
                .withProcessors(new MigrationProcessor())
                .withClasspath(List.of(annotationsLocation()))
                .compile(Sources.lines("com.example.First",
                        "package com.example;",
                        "@dev.cairn.Migration(version = 1)",
                        "public class First {",
                        "}"), Sources.lines("com.example.Second",
                        "package com.example;",
                        "@dev.cairn.Migration(version = 2)",
                        "public class Second {",
                        "}"));

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/MissingRuntime] dev.cairn.runtime.JavaMigration is not on"
                + " the compile classpath").inFile(compilation.sourceFiles().get(0)).onLineContaining("class First");
        assertThat(compilation).hadErrorContaining("Add the dev.cairn:cairn-runtime dependency");
    }

    @Test
    void recordIsNotAClassTheRegistryCanUse() {
        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(Sources.lines(
                "com.example.Recorded",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = 1)",
                "public record Recorded() implements JavaMigration {",
                "    public void up(MigrationContext context) {}",
                "}"));

        assertThat(compilation).hadErrorContaining("[Cairn/NotAClass] @Migration com.example.Recorded is a record")
                .inFile(compilation.sourceFiles().get(0)).onLineContaining("record Recorded");
        assertThat(compilation).hadErrorCount(1);
    }
}
