package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.Registry;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Large graphs: linear-time checks, the 64 KB method limit, and lazy class loading at scale. */
class ScaleTest {

    /** Migration {@code version} named M{version}, depending on the given versions. */
    private static JavaFileObject migration(int version, String dependsOn) {
        String name = String.format("M%05d", version);
        return JavaFileObjects.forSourceString("com.example.big." + name, "package com.example.big;\n"
                + "@dev.cairn.Migration(version = " + version + ", dependsOn = {" + dependsOn + "})\n"
                + "public final class " + name + " implements dev.cairn.runtime.JavaMigration {\n"
                + "    public void up(dev.cairn.runtime.MigrationContext context) {}\n"
                + "}\n");
    }

    /** 1 <- 2 <- ... <- count, every migration depending on its predecessor. */
    private static List<JavaFileObject> chain(int count) {
        List<JavaFileObject> sources = new ArrayList<>(count);
        for (int version = 1; version <= count; version++) {
            sources.add(migration(version, version == 1 ? "" : String.valueOf(version - 1)));
        }
        return sources;
    }

    @Test
    void cycleAtTheEndOfA5000LongChainIsFoundAndReportedOnce() {
        List<JavaFileObject> sources = chain(5000);
        // 4998 now also depends on 5000, which depends on 4999, which depends on 4998.
        sources.set(4997, migration(4998, "4997, 5000"));

        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(sources);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/DependencyCycle] migrations depend on each other in a"
                + " cycle: 4998 (M04998) -> 5000 (M05000) -> 4999 (M04999) -> 4998 (M04998)")
                .inFile(sources.get(4997)).onLine(2);
    }

    @Test
    void registryOf10000MigrationsCompilesLoadsAndReadingItLoadsNoMigrationClass() throws Exception {
        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(chain(10_000));
        assertThat(compilation).succeededWithoutWarnings();
        CompiledClasses classes = new CompiledClasses(compilation);

        Registry registry = classes.registry("com.example.big.MigrationRegistry");

        List<MigrationDescriptor> migrations = registry.migrations();
        assertThat(migrations).hasSize(10_000);
        for (int i = 0; i < migrations.size(); i++) {
            assertThat(migrations.get(i).version().asLong()).isEqualTo(i + 1L);
            assertThat(migrations.get(i).checksum()).isPresent();
        }
        for (String loaded : classes.loadedClasses()) {
            assertThat(loaded).doesNotMatch("com\\.example\\.big\\.M\\d+");
        }

        // Indexes at both sides of a chunk boundary, and the very last one.
        for (int index : new int[] {0, 499, 500, 5000, 9999}) {
            assertThat(migrations.get(index).newInstance().getClass().getName())
                    .isEqualTo(migrations.get(index).className());
        }
        assertThat(classes.loadedClasses()).containsAtLeast(
                "com.example.big.M00001", "com.example.big.M00500", "com.example.big.M00501", "com.example.big.M10000");
        assertThat(classes.loadedClasses()).doesNotContain("com.example.big.M00002");
    }
}
