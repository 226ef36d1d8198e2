package dev.cairn.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the generated registry through META-INF/cairn/registries, and what start-up says when it cannot. */
class RegistryLocatorTest {

    @TempDir
    Path directory;

    private ClassLoader withIndex(String... lines) throws Exception {
        Path index = directory.resolve(RegistryLocator.INDEX);
        Files.createDirectories(index.getParent());
        Files.writeString(index, String.join("\n", lines) + "\n");
        return new URLClassLoader(new URL[] {directory.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void findsTheRegistryTheProcessorListed() {
        assertThat(RegistryLocator.locate(getClass().getClassLoader(), null).getClass().getName())
                .isEqualTo("dev.cairn.spring.boot.shop.MigrationRegistry");
    }

    @Test
    void noIndexOnTheClassPathSaysToAddTheProcessor() {
        ClassLoader empty = new URLClassLoader(new URL[0], null);
        assertThatThrownBy(() -> RegistryLocator.locate(empty, null)).isInstanceOf(CairnStartupException.class)
                .hasMessageContaining("No Cairn migration registry was found")
                .hasMessageContaining("annotationProcessorPaths").hasMessageContaining("cairn.enabled=false");
    }

    @Test
    void severalRegistriesAskToChooseOne() throws Exception {
        ClassLoader loader = withIndex("com.example.billing.MigrationRegistry");
        assertThatThrownBy(() -> RegistryLocator.locate(loader, null)).isInstanceOf(CairnStartupException.class)
                .hasMessageContaining("Several Cairn migration registries")
                .hasMessageContaining("com.example.billing.MigrationRegistry")
                .hasMessageContaining("dev.cairn.spring.boot.shop.MigrationRegistry")
                .hasMessageContaining("cairn.registry=<class name>");
    }

    @Test
    void cairnRegistryChoosesAmongSeveral() throws Exception {
        ClassLoader loader = withIndex("com.example.billing.MigrationRegistry");
        assertThat(RegistryLocator.locate(loader, "dev.cairn.spring.boot.shop.MigrationRegistry").getClass().getName())
                .isEqualTo("dev.cairn.spring.boot.shop.MigrationRegistry");
    }

    @Test
    void aListedClassThatIsGoneSaysToRebuild() throws Exception {
        ClassLoader loader = new URLClassLoader(new URL[] {withIndexOnly("com.example.gone.MigrationRegistry")}, null);
        assertThatThrownBy(() -> RegistryLocator.locate(loader, null)).isInstanceOf(CairnStartupException.class)
                .hasMessageContaining("com.example.gone.MigrationRegistry").hasMessageContaining("Rebuild");
    }

    @Test
    void aClassThatIsNoRegistryIsRefused() {
        assertThatThrownBy(() -> RegistryLocator.locate(getClass().getClassLoader(), "java.lang.String"))
                .isInstanceOf(CairnStartupException.class).hasMessageContaining("is not a dev.cairn.runtime.Registry");
    }

    private URL withIndexOnly(String line) throws Exception {
        Path index = directory.resolve(RegistryLocator.INDEX);
        Files.createDirectories(index.getParent());
        Files.writeString(index, line + "\n");
        return directory.toUri().toURL();
    }
}
