package dev.cairn.runtime.generated;

import java.net.URL;
import java.util.List;

/**
 * What a generated {@code MigrationRegistry} with SQL migrations tells the runtime about the scripts
 * it was compiled with, so that a build whose registry no longer matches its scripts is refused at
 * start-up instead of quietly ignoring a script: Maven's incremental compile does not run the
 * annotation processor again when only a script changed. Before every operation the runtime reads
 * each script the registry runs (through {@link #open}) and compares it with its compile-time
 * checksum, and lists each {@link #scriptFolders() script folder} (through {@link #resource}) for
 * scripts the registry does not know. Application code does not implement it.
 *
 * <p>A script whose listed jar entry or file has exactly the size and CRC-32 the processor recorded
 * (its stamp, passed with its checksum to {@link GeneratedMigrations#sqlScript(ScriptResources,
 * String, String, String, String, long, long) GeneratedMigrations.sqlScript}) is not read at all
 * (issue 18). The stamps travel with each script migration rather than through a method of this
 * interface: the check already creates every script migration for its name and checksum, so this
 * costs no lookup table of 10,000 names, and a registry generated before stamps, which calls the
 * overload without them, simply has its scripts read and checksummed as before.
 *
 * <pre>{@code
 * // inside a generated registry
 * public List<String> scriptFolders() {
 *     return Arrays.asList("db/migration");
 * }
 * public URL resource(String name) {
 *     return MigrationRegistry.class.getResource("/" + name);
 * }
 * }</pre>
 */
public interface CompiledScripts extends ScriptResources {

    /**
     * The {@code @SqlMigrationDirectory} folders the processor listed, as resource names without
     * leading or trailing {@code /}, e.g. {@code db/migration}; sorted, possibly empty.
     */
    List<String> scriptFolders();

    /**
     * Where a resource of the application is, or {@code null} when there is none: what
     * {@code Class.getResource} of the registry's class finds, so that it works in a named module too.
     *
     * @param name the resource name, without a leading {@code /}
     */
    URL resource(String name);
}
