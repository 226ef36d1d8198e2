package dev.cairn.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

import static com.google.testing.compile.Compiler.javac;

/**
 * A resource directory of SQL scripts for one test compilation, and the sources that declare
 * them. Scripts reach the processor through {@code -Acairn.resourceDirs} unless a test puts the
 * directory on the class path.
 */
final class SqlSources {

    private final Path resources;

    SqlSources(Path resources) {
        this.resources = resources;
    }

    Path root() {
        return resources;
    }

    /** Writes a script (UTF-8) under the resource root, e.g. {@code db/migration/V1__init.sql}. */
    SqlSources script(String name, String... lines) {
        return bytes(name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    SqlSources bytes(String name, byte[] content) {
        try {
            Path file = resources.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The processor with {@code -Acairn.resourceDirs} pointing here, plus {@code options}. */
    Compiler compiler(String... options) {
        List<String> all = new ArrayList<>();
        all.add("-Acairn.resourceDirs=" + resources);
        all.addAll(List.of(options));
        return javac().withProcessors(new MigrationProcessor()).withOptions(all);
    }

    Compilation compile(JavaFileObject... sources) {
        return compiler().compile(sources);
    }

    /**
     * {@code package-info.java} of {@code com.example}: line 1 the annotation given, line 2 the
     * package, line 3 the import of every Cairn annotation.
     */
    static JavaFileObject packageInfo(String annotation) {
        return Sources.lines("com.example.package-info",
                annotation,
                "package com.example;",
                "import dev.cairn.*;");
    }

    /**
     * A holder class {@code com.example.Scripts}: line 1 package, line 2 imports, the annotation
     * lines from line 3, then the class.
     */
    static JavaFileObject holder(String... annotationLines) {
        List<String> lines = new ArrayList<>();
        lines.add("package com.example;");
        lines.add("import dev.cairn.*;");
        lines.addAll(List.of(annotationLines));
        lines.add("final class Scripts {");
        lines.add("}");
        return Sources.lines("com.example.Scripts", lines.toArray(new String[0]));
    }

    /** The diagnostics' messages, in order, for assertions on what a compilation reported. */
    static List<String> messages(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        return diagnostics.stream().map(d -> d.getMessage(null)).collect(Collectors.toList());
    }
}
