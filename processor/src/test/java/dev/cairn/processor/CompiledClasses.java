package dev.cairn.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaFileObject;

/**
 * Loads the class files of a compile-testing {@link Compilation}, child first, and records
 * which of them were loaded, so tests can check that reading descriptors loads no migration.
 */
public final class CompiledClasses extends ClassLoader {

    private final Map<String, byte[]> classes = new HashMap<>();
    /** Where resources (SQL scripts) are found, or null. */
    private final Path resources;
    private final Set<String> loaded = Collections.synchronizedSet(new LinkedHashSet<>());

    public CompiledClasses(Compilation compilation) {
        this(compilation, null);
    }

    /** Also serves the resources under {@code resources}, as a jar with the scripts would. */
    CompiledClasses(Compilation compilation, Path resources) {
        super(CompiledClasses.class.getClassLoader());
        this.resources = resources;
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            String path = file.toUri().getPath();
            String relative = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length());
            String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
            try (InputStream in = file.openInputStream()) {
                classes.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null && classes.containsKey(name)) {
                byte[] bytes = classes.get(name);
                loaded.add(name);
                type = defineClass(name, bytes, 0, bytes.length);
            }
            if (type == null) {
                return super.loadClass(name, resolve);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    protected URL findResource(String name) {
        if (resources == null || !Files.isRegularFile(resources.resolve(name))) {
            return null;
        }
        try {
            return resources.resolve(name).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names of the compilation's classes loaded so far. */
    Set<String> loadedClasses() {
        synchronized (loaded) {
            return new LinkedHashSet<>(loaded);
        }
    }

    /** The registry's INSTANCE. */
    public dev.cairn.runtime.Registry registry(String className) throws ReflectiveOperationException {
        return (dev.cairn.runtime.Registry) loadClass(className).getField("INSTANCE").get(null);
    }
}
