package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The resource {@code META-INF/cairn/registries} names the generated registry, so that the Spring
 * Boot starter finds it without scanning the class path.
 */
class RegistryIndexTest {

    private static Compilation compile(String... options) {
        return javac().withProcessors(new MigrationProcessor()).withOptions((Object[]) options).compile(
                Sources.migration("com.example.shop", "CreateBooks", "version = 1", ""),
                Sources.migration("com.example.shop.orders", "CreateOrders", "version = 2, dependsOn = 1", ""));
    }

    private static Optional<JavaFileObject> index(Compilation compilation) {
        return compilation.generatedFile(StandardLocation.CLASS_OUTPUT, MigrationPipeline.REGISTRY_INDEX);
    }

    @Test
    void namesTheGeneratedRegistryOnOneLine() throws IOException {
        Compilation compilation = compile();

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(index(compilation).orElseThrow().getCharContent(false).toString())
                .isEqualTo("com.example.shop.MigrationRegistry\n");
    }

    @Test
    void namesTheRegistryChosenWithTheOption() throws IOException {
        Compilation compilation = compile("-Acairn.registry=com.example.db.ShopMigrations");

        assertThat(compilation).succeeded();
        assertThat(index(compilation).orElseThrow().getCharContent(false).toString())
                .isEqualTo("com.example.db.ShopMigrations\n");
    }

    @Test
    void isTheSameInEveryCompilation() throws IOException {
        assertThat(index(compile()).orElseThrow().getCharContent(false).toString())
                .isEqualTo(index(compile()).orElseThrow().getCharContent(false).toString());
    }
}
