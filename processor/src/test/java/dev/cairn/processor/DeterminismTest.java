package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    private static byte[] registryBytes(List<JavaFileObject> sources) throws IOException {
        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(sources);
        assertThat(compilation).succeededWithoutWarnings();
        JavaFileObject registry = compilation.generatedSourceFile("com.example.MigrationRegistry").orElseThrow();
        try (InputStream in = registry.openInputStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void sameInputGivesByteForByteIdenticalRegistry() throws IOException {
        assertThat(registryBytes(BranchingGraph.sources())).isEqualTo(registryBytes(BranchingGraph.sources()));
    }

    @Test
    void registryDoesNotDependOnSourceFileOrder() throws IOException {
        List<JavaFileObject> reversed = new ArrayList<>(BranchingGraph.sources());
        Collections.reverse(reversed);
        List<JavaFileObject> rotated = new ArrayList<>(BranchingGraph.sources());
        Collections.rotate(rotated, 3);

        byte[] expected = registryBytes(BranchingGraph.sources());

        assertThat(registryBytes(reversed)).isEqualTo(expected);
        assertThat(registryBytes(rotated)).isEqualTo(expected);
    }
}
