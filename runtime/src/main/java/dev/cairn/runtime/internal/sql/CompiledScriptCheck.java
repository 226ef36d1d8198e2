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
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>Each script folder is listed once, from where the registry's own class finds its scripts (a
 * directory, or the entries of a jar, through {@link JarURLConnection}, which works in a named module
 * too): the folders the processor listed ({@link CompiledScripts#scriptFolders()}), where a file named
 * like a migration or undo script ({@link MigrationNames#parseScriptFileName}) that the registry does
 * not know is an added script, and the folder of every other script with a stamp.
 *
 * <p>Every script the registry runs (up, undo and repeatable) is then judged by its content, in one
 * of two ways:
 * <ul>
 * <li><b>Fast path (issue 18):</b> the processor recorded the {@link SqlScript#stamp(byte[]) stamp}
 *     of the bytes it compiled (size and CRC-32, {@link SqlScriptMigration#stamp()}). In a listed jar,
 *     the entry's size and CRC-32 come from the jar's central directory, without decompressing; in a
 *     listed directory, the file's bytes are read and CRC-32'd (no decoding, no SHA-256, no class-path
 *     lookup). A script whose listed entry has exactly the compiled stamp is byte-for-byte the text
 *     that was compiled, except for a CRC-32 collision: an accidental edit that keeps the size has a
 *     1 in 2^32 chance of keeping the CRC-32 too. Nothing is kept of it; a pending script is read
 *     when the run needs it ({@link VerifiedScripts}).
 * <li><b>By checksum, as before stamps:</b> any other script (no stamp: a registry compiled by an
 *     older processor or written by hand; a stamp that differs, e.g. a copy that Maven filtered or
 *     git converted to CRLF, which the checksum's normalisation still accepts; a script not in the
 *     listed location, e.g. in another class-path entry; a location that cannot be listed) is read
 *     through the registry ({@link CompiledScripts#open}) and its {@link SqlScript#checksum} compared
 *     with the compile-time one, since no file metadata proves content unchanged. Its text is kept
 *     for the operation.
 * </ul>
 *
 * <p>What the fast path does not see: a copy of a script that the class loader prefers to the
 * listed one (an earlier class-path entry holding the same resource name, a multi-release jar's
 * versioned entry). Such a copy is still compared with the compile-time checksum when it is about to
 * run ({@link SqlScriptMigration}), so a differing copy never runs; an already applied script's
 * shadowing copy is not reported here, as it would be by reading through the class loader.
 *
 * <p>A folder in a location that cannot be listed (a custom class loader's URL) is checked for
 * changed and removed scripts only. Registries that do not implement {@link CompiledScripts}
 * (written by hand, or with Java migrations only) are not checked.
 */
public final class CompiledScriptCheck {

    private static final System.Logger LOG = System.getLogger("dev.cairn");
    private static final String UNREADABLE = "unreadable";

    private CompiledScriptCheck() {
    }

    /** A script the registry runs: its compile-time checksum and stamp, and what opens it. */
    private static final class Compiled {
        final String checksum;
        final long stamp;
        final ScriptResources resources;

        Compiled(String checksum, long stamp, ScriptResources resources) {
            this.checksum = checksum;
            this.stamp = stamp;
            this.resources = resources;
        }
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
        Map<String, Compiled> compiled = compiledScripts(registry);
        Set<ScriptResources> resources = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Compiled script : compiled.values()) {
            resources.add(script.resources);
        }
        for (ScriptResources opener : resources) {
            VerifiedScripts.begin(opener);
        }
        Map<String, Listing> listings = new HashMap<>();
        TreeSet<String> added = new TreeSet<>();
        for (String folder : scripts.scriptFolders()) {
            Listing listing = listing(scripts, folder, compiled, listings);
            for (String name : listing.names) {
                String resource = folder + "/" + name;
                if (!compiled.containsKey(resource) && (MigrationNames.parseScriptFileName(name).isPresent()
                        || isRepeatableScript(name))) {
                    added.add(resource);
                }
            }
        }
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, Compiled> script : compiled.entrySet()) {
            String name = script.getKey();
            Compiled expected = script.getValue();
            int slash = name.lastIndexOf('/');
            if (expected.stamp != SqlScript.NO_STAMP && slash > 0
                    && listing(scripts, name.substring(0, slash), compiled, listings)
                            .hasStamp(name.substring(slash + 1), expected.stamp)) {
                continue; // byte-identical to what was compiled: nothing read, nothing kept
            }
            String[] read = read(scripts, name);
            String actual = read == null ? null : read[0];
            if (actual == null) {
                removed.add(name);
            } else if (actual == UNREADABLE) {
                continue;
            } else if (!actual.equals(expected.checksum)) {
                changed.add(name);
            } else {
                // Found as compiled: the run this check guards need not read it again (issue 18).
                VerifiedScripts.keep(expected.resources, name, actual, read[1]);
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

    /** Every script the registry runs, up and undo, and its repeatable ones, with what was compiled, in registry order. */
    private static Map<String, Compiled> compiledScripts(Registry registry) {
        Map<String, Compiled> compiled = new LinkedHashMap<>();
        List<MigrationDescriptor> all = new ArrayList<>(registry.migrations());
        // Repeatable scripts are compiled scripts too: an edit must not run on a stale registry.
        all.addAll(registry.repeatables());
        for (MigrationDescriptor migration : all) {
            if (migration.script().isEmpty()) {
                continue;
            }
            // Creating a script migration reads nothing: it holds the names, checksums and stamps only.
            JavaMigration instance = migration.newInstance();
            if (instance instanceof SqlScriptMigration) {
                SqlScriptMigration script = (SqlScriptMigration) instance;
                compiled.put(script.script(), new Compiled(script.checksum(), script.stamp(), script.scripts()));
                if (script.undoScript() != null) {
                    compiled.put(script.undoScript(),
                            new Compiled(script.undoChecksum(), script.undoStamp(), script.scripts()));
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
     * The files directly in one script folder, where the registry's class finds its scripts: their
     * names, and what proves a file byte-identical to a compiled script.
     */
    private static final class Listing {
        static final Listing NONE = new Listing(null, null);

        final Set<String> names = new LinkedHashSet<>();
        /** The folder, when it is a directory: a file's stamp is computed from its bytes. */
        final Path directory;
        /** For a jar: each entry's stamp, from the central directory's size and CRC-32. */
        final Map<String, Long> jarStamps;

        Listing(Path directory, Map<String, Long> jarStamps) {
            this.directory = directory;
            this.jarStamps = jarStamps;
        }

        /** Whether the listed file {@code name} has exactly {@code stamp}; false when unsure. */
        boolean hasStamp(String name, long stamp) {
            if (!names.contains(name)) {
                return false;
            }
            if (jarStamps != null) {
                Long listed = jarStamps.get(name);
                return listed != null && listed == stamp;
            }
            if (directory == null) {
                return false;
            }
            try {
                // Bytes and CRC-32 only (an intrinsic): no decoding, no normalising, no SHA-256.
                return SqlScript.stamp(Files.readAllBytes(directory.resolve(name))) == stamp;
            } catch (IOException | RuntimeException e) {
                return false; // judged by its checksum instead, which reports what is wrong
            }
        }
    }

    private static Listing listing(CompiledScripts scripts, String folder, Map<String, Compiled> compiled,
            Map<String, Listing> listings) {
        Listing listing = listings.get(folder);
        if (listing == null) {
            listing = list(scripts, folder, compiled);
            listings.put(folder, listing);
        }
        return listing;
    }

    /**
     * The files directly in {@code folder}, where the registry's class finds its scripts; empty
     * when the folder is absent or its location cannot be listed.
     */
    private static Listing list(CompiledScripts scripts, String folder, Map<String, Compiled> compiled) {
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
        if (url == null) {
            return Listing.NONE;
        }
        URL location = url;
        try {
            if ("file".equals(url.getProtocol())) {
                Path path = Paths.get(url.toURI());
                Path directory = ofScript ? path.getParent() : path;
                Listing listing = new Listing(directory, null);
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                    for (Path entry : entries) {
                        if (Files.isRegularFile(entry)) {
                            listing.names.add(entry.getFileName().toString());
                        }
                    }
                }
                return listing;
            }
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection) {
                JarURLConnection jarConnection = (JarURLConnection) connection;
                String entry = jarConnection.getEntryName();
                String prefix = ofScript ? entry.substring(0, entry.lastIndexOf('/') + 1)
                        : entry.endsWith("/") ? entry : entry + "/";
                Listing listing = new Listing(null, new HashMap<>());
                // The cached JarFile is shared with other URL connections: not closed here.
                JarFile jar = jarConnection.getJarFile();
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                    JarEntry jarEntry = entries.nextElement();
                    String name = jarEntry.getName();
                    if (name.length() > prefix.length() && name.startsWith(prefix)
                            && name.indexOf('/', prefix.length()) < 0) {
                        String fileName = name.substring(prefix.length());
                        listing.names.add(fileName);
                        // Size and CRC-32 as the central directory records them: nothing decompressed.
                        listing.jarStamps.put(fileName, SqlScript.stamp(jarEntry.getSize(), jarEntry.getCrc()));
                    }
                }
                return listing;
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "Cannot list the script folder " + folder + " at " + location
                    + ": only changed and removed scripts are detected there");
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Cannot list the script folder " + folder + " at " + url
                    + ": only changed and removed scripts are detected there", e);
        }
        return Listing.NONE;
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
