package dev.cairn.runtime.internal.sql;

import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationNames;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.SqlScriptException;
import dev.cairn.runtime.generated.CompiledScripts;
import dev.cairn.runtime.generated.ScriptResources;
import dev.cairn.runtime.internal.ApiValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Refuses a generated registry that no longer matches the SQL scripts on the class path: the build
 * did not run the annotation processor after a script was added, edited or deleted (Maven's
 * incremental compile does not see resources), so the registry would ignore a new script, or check
 * the database against scripts other than those it holds.
 *
 * <pre>{@code
 * CompiledScriptCheck.check(registry);   // StaleRegistryException naming every difference
 * }</pre>
 *
 * <p>The check is sound and as cheap as soundness allows: every script the registry runs (up and
 * undo) is read through the registry ({@link CompiledScripts#open}) and its {@link SqlScript#checksum}
 * compared with the compile-time one, since no file metadata proves content unchanged; each script
 * folder is listed once, from where the registry's own class finds its scripts (a directory, or the
 * entries of a jar, through {@link JarURLConnection}, which works in a named module too), and a file
 * named like a migration or undo script ({@link MigrationNames#parseScriptFileName}) that the registry
 * does not know is an added script. A folder in a location that cannot be listed (a custom class
 * loader's URL) is checked for changed and removed scripts only. Registries that do not implement
 * {@link CompiledScripts} (written by hand, or with Java migrations only) are not checked.
 */
public final class CompiledScriptCheck {

    private static final System.Logger LOG = System.getLogger("dev.cairn");
    private static final String UNREADABLE = "unreadable";

    private CompiledScriptCheck() {
    }

    /**
     * @throws dev.cairn.runtime.StaleRegistryException when a script was added to a script folder,
     *     changed or removed since the registry was compiled
     */
    public static void check(Registry registry) {
        if (!(registry instanceof CompiledScripts)) {
            return;
        }
        CompiledScripts scripts = (CompiledScripts) registry;
        Map<String, ScriptResources> openedBy = new HashMap<>();
        Map<String, String> compiled = compiledScripts(registry, openedBy);
        for (ScriptResources resources : new HashSet<>(openedBy.values())) {
            VerifiedScripts.clear(resources);
        }
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, String> script : compiled.entrySet()) {
            String[] read = read(scripts, script.getKey());
            String actual = read == null ? null : read[0];
            if (actual == null) {
                removed.add(script.getKey());
            } else if (actual == UNREADABLE) {
                continue;
            } else if (!actual.equals(script.getValue())) {
                changed.add(script.getKey());
            } else {
                // Found as compiled: the run this check guards need not read it again (issue 18).
                VerifiedScripts.put(openedBy.get(script.getKey()), script.getKey(), actual, read[1]);
            }
        }
        TreeSet<String> added = new TreeSet<>();
        for (String folder : scripts.scriptFolders()) {
            for (String name : list(scripts, folder, compiled)) {
                String resource = folder + "/" + name;
                if (!compiled.containsKey(resource) && (MigrationNames.parseScriptFileName(name).isPresent()
                        || isRepeatableScript(name))) {
                    added.add(resource);
                }
            }
        }
        if (changed.isEmpty() && removed.isEmpty() && added.isEmpty()) {
            return;
        }
        throw ApiValues.get().staleRegistry(message(registry, new ArrayList<>(added), changed, removed),
                new ArrayList<>(added), changed, removed);
    }

    /** Flyway's repeatable script name, {@code R__<description>.sql}, as the processor reads it. */
    private static boolean isRepeatableScript(String name) {
        return name.startsWith("R__") && name.endsWith(".sql") && name.length() > "R__.sql".length();
    }

        /** Every script the registry runs, up and undo, and its repeatable ones, with its compile-time checksum, in registry order. */
    private static Map<String, String> compiledScripts(Registry registry, Map<String, ScriptResources> openedBy) {
        Map<String, String> compiled = new LinkedHashMap<>();
        List<MigrationDescriptor> all = new ArrayList<>(registry.migrations());
        // Repeatable scripts are compiled scripts too: an edit must not run on a stale registry.
        all.addAll(registry.repeatables());
        for (MigrationDescriptor migration : all) {
            if (migration.script().isEmpty()) {
                continue;
            }
            // Creating a script migration reads nothing: it holds the names and checksums only.
            JavaMigration instance = migration.newInstance();
            if (instance instanceof SqlScriptMigration) {
                SqlScriptMigration script = (SqlScriptMigration) instance;
                compiled.put(script.script(), script.checksum());
                openedBy.put(script.script(), script.scripts());
                if (script.undoScript() != null) {
                    compiled.put(script.undoScript(), script.undoChecksum());
                    openedBy.put(script.undoScript(), script.scripts());
                }
            }
        }
        return compiled;
    }

    /**
     * The script's checksum as it is now and its text; null when it is missing; {"unreadable", null}
     * when it cannot be read, {"not UTF-8", null} when it cannot be decoded.
     */
    private static String[] read(CompiledScripts scripts, String name) {
        try (InputStream in = scripts.open(name)) {
            if (in == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
            String text = SqlScript.decode(name, bytes.toByteArray());
            return new String[] {SqlScript.checksum(text), text};
        } catch (SqlScriptException e) {
            return new String[] {"not UTF-8", null};
        } catch (IOException e) {
            // Unreadable now is a problem of its own, which running the script reports with its cause.
            LOG.log(System.Logger.Level.DEBUG, "Could not read " + name + " to check it against the registry", e);
            return new String[] {UNREADABLE, null};
        }
    }

    /**
     * The file names directly in {@code folder}, where the registry's class finds its scripts; empty
     * when the folder is absent or its location cannot be listed.
     */
    private static List<String> list(CompiledScripts scripts, String folder, Map<String, String> compiled) {
        URL url = null;
        boolean ofScript = false;
        // A script of the folder locates it best: jars need not hold entries for directories.
        for (String script : compiled.keySet()) {
            if (script.startsWith(folder + "/") && script.indexOf('/', folder.length() + 1) < 0) {
                url = scripts.resource(script);
                if (url != null) {
                    ofScript = true;
                    break;
                }
            }
        }
        if (url == null) {
            url = scripts.resource(folder + "/");
        }
        if (url == null) {
            url = scripts.resource(folder);
        }
        List<String> names = new ArrayList<>();
        if (url == null) {
            return names;
        }
        URL location = url;
        try {
            if ("file".equals(url.getProtocol())) {
                Path path = Paths.get(url.toURI());
                Path directory = ofScript ? path.getParent() : path;
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                    for (Path entry : entries) {
                        if (Files.isRegularFile(entry)) {
                            names.add(entry.getFileName().toString());
                        }
                    }
                }
                return names;
            }
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection) {
                JarURLConnection jarConnection = (JarURLConnection) connection;
                String entry = jarConnection.getEntryName();
                String prefix = ofScript ? entry.substring(0, entry.lastIndexOf('/') + 1)
                        : entry.endsWith("/") ? entry : entry + "/";
                // The cached JarFile is shared with other URL connections: not closed here.
                JarFile jar = jarConnection.getJarFile();
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                    String name = entries.nextElement().getName();
                    if (name.length() > prefix.length() && name.startsWith(prefix)
                            && name.indexOf('/', prefix.length()) < 0) {
                        names.add(name.substring(prefix.length()));
                    }
                }
                return names;
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "Cannot list the script folder " + folder + " at " + location
                    + ": only changed and removed scripts are detected there");
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Cannot list the script folder " + folder + " at " + url
                    + ": only changed and removed scripts are detected there", e);
        }
        return names;
    }

    private static String message(Registry registry, List<String> added, List<String> changed, List<String> removed) {
        StringBuilder message = new StringBuilder("The migration registry ").append(registry.getClass().getName())
                .append(" does not match the SQL scripts on the class path: it was compiled before ");
        int count = added.size() + changed.size() + removed.size();
        message.append(count == 1 ? "this change" : "these changes").append(':');
        for (String script : added) {
            message.append("\n  - ").append(script).append(" was added since compilation (the registry does not "
                    + "know it, so it would never run)");
        }
        for (String script : changed) {
            message.append("\n  - ").append(script).append(" was changed since compilation");
        }
        for (String script : removed) {
            message.append("\n  - ").append(script).append(" was removed since compilation");
        }
        message.append("\nNothing was run and the database was not touched. The build did not run the annotation "
                + "processor again after the scripts changed (Maven's incremental compile does not notice a change "
                + "to scripts alone). Rebuild the application from clean, e.g. 'mvn clean compile' ('gradle clean "
                + "build' with Gradle), then start it again; see \"Rebuilding after a script changes\" in "
                + "docs/sql-migrations.md.");
        return message.toString();
    }
}
