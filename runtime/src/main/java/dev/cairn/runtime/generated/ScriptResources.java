package dev.cairn.runtime.generated;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens the SQL scripts of the application whose generated {@code MigrationRegistry} implements it.
 * The registry, not the runtime, reads them because in a named module only the application's own
 * classes may: a script such as {@code db/migration/V3__add_index.sql} lies in the package-shaped
 * folder {@code db.migration} of the application's module, which is encapsulated, so the runtime's
 * {@code ClassLoader.getResourceAsStream} gets {@code null} for it. {@code Class.getResourceAsStream}
 * called from a class of that module finds it, and on the class path it finds what the class loader
 * finds. Application code does not implement it.
 *
 * <pre>{@code
 * // inside a generated registry
 * public InputStream open(String name) {
 *     return MigrationRegistry.class.getResourceAsStream("/" + name);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ScriptResources {

    /**
     * The script's bytes, or {@code null} when the application has no such resource.
     *
     * @param name the resource name, without a leading {@code /}, e.g. {@code db/migration/V3__add_index.sql}
     */
    InputStream open(String name) throws IOException;
}
