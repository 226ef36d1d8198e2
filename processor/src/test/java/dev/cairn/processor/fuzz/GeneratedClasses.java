package dev.cairn.processor.fuzz;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Loads the class files of one compile-testing {@link Compilation}, child first. */
final class GeneratedClasses extends ClassLoader {

    private final Map<String, byte[]> classes = new HashMap<>();

    GeneratedClasses(Compilation compilation) {
        super(GeneratedClasses.class.getClassLoader());
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

    /** The generated registry's {@code INSTANCE}. */
    dev.cairn.runtime.Registry registry(String className) throws ReflectiveOperationException {
        return (dev.cairn.runtime.Registry) loadClass(className).getField("INSTANCE").get(null);
    }
}
