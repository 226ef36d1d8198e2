package dev.cairn.processor.sql;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Finds SQL scripts and script folders at compile time, where the build put them: the directories
 * of {@code -Acairn.resourceDirs} first (the user named them), then, through the compiler's
 * {@link Filer}, the class output, the class path and the source path. Maven copies
 * {@code src/main/resources} into {@code target/classes} before compiling, which is both the class
 * output and on the class path; Gradle does not, so Gradle builds pass the option.
 *
 * <pre>{@code
 * ResourceFinder finder = new ResourceFinder(filer, ResourceFinder.parseDirs(option));
 * ResourceFinder.Resource script = finder.read("db/migration/V3__add_index.sql");  // null if absent
 * }</pre>
 */
final class ResourceFinder {

    /** The processor option naming extra resource directories, separated by the path separator. */
    static final String OPTION = "cairn.resourceDirs";

    private static final StandardLocation[] LOCATIONS = {
        StandardLocation.CLASS_OUTPUT, StandardLocation.CLASS_PATH, StandardLocation.SOURCE_PATH
    };

    /** A script's bytes and where they were found. */
    static final class Resource {
        final byte[] bytes;
        final String where;

        Resource(byte[] bytes, String where) {
            this.bytes = bytes;
            this.where = where;
        }
    }

    /** A folder's entries, or why they could not be listed. */
    static final class Listing {
        /** The folder's directory, or null when it was not found or could not be listed. */
        final Path directory;
        /** Where it was found but could not be listed (a jar, an in-memory file system), or null. */
        final String unlistable;

        Listing(Path directory, String unlistable) {
            this.directory = directory;
            this.unlistable = unlistable;
        }
    }

    /** A file name nobody uses, asked for only to learn its directory; never created. */
    private static final String PROBE = ".cairn-folder-probe";

    private final Filer filer;
    private final List<Path> resourceDirs;

    ResourceFinder(Filer filer, List<Path> resourceDirs) {
        this.filer = filer;
        this.resourceDirs = List.copyOf(resourceDirs);
    }

    /** The directories of the option's value; empty when the option is not given. */
    static List<Path> parseDirs(String option) {
        List<Path> dirs = new ArrayList<>();
        if (option == null) {
            return dirs;
        }
        for (String entry : option.split(File.pathSeparator)) {
            if (!entry.trim().isEmpty()) {
                dirs.add(Paths.get(entry.trim()).toAbsolutePath().normalize());
            }
        }
        return dirs;
    }

    /**
     * The resource's bytes from the first place that has it, or null when none has it.
     *
     * @throws IOException when it exists but cannot be read
     */
    Resource read(String name) throws IOException {
        for (Path dir : resourceDirs) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return new Resource(Files.readAllBytes(file), file.toString());
            }
        }
        for (StandardLocation location : LOCATIONS) {
            FileObject file = fileObject(location, name);
            if (file == null) {
                continue;
            }
            URI uri = file.toUri();
            if ("file".equals(uri.getScheme()) && Files.isDirectory(Paths.get(uri))) {
                continue;
            }
            try (InputStream in = file.openInputStream()) {
                return new Resource(in.readAllBytes(), describe(location, file));
            } catch (FileNotFoundException | NoSuchFileException e) {
                // Output locations hand out a file object for any name, existing or not.
            }
        }
        return null;
    }

    /** The folder's directory from the first place that has it as a listable directory. */
    Listing list(String folder) {
        for (Path dir : resourceDirs) {
            Path candidate = dir.resolve(folder);
            if (Files.isDirectory(candidate)) {
                return new Listing(candidate, null);
            }
        }
        // javac's file manager hands out no file object for a directory ("directories not
        // supported"), but an output location hands one out for any file name, existing or not:
        // the parent of a name inside the folder is the folder.
        FileObject probe = fileObject(StandardLocation.CLASS_OUTPUT, folder + "/" + PROBE);
        if (probe != null && "file".equals(probe.toUri().getScheme())) {
            Path directory = Paths.get(probe.toUri()).getParent();
            if (directory != null && Files.isDirectory(directory)) {
                return new Listing(directory, null);
            }
        }
        String unlistable = null;
        for (StandardLocation location : LOCATIONS) {
            FileObject file;
            try {
                file = filer.getResource(location, "", folder);
            } catch (IOException e) {
                continue;
            } catch (RuntimeException e) {
                // javac's file manager refuses directories on input locations ("directories not
                // supported"): the folder is there, but javac will not hand it out to be listed.
                if (unlistable == null && String.valueOf(e.getMessage()).contains("directories not supported")) {
                    unlistable = describe(location, null);
                }
                continue;
            }
            URI uri = file.toUri();
            if ("file".equals(uri.getScheme())) {
                Path path = Paths.get(uri);
                if (Files.isDirectory(path)) {
                    return new Listing(path, null);
                }
            } else if (unlistable == null && exists(file)) {
                unlistable = describe(location, file);
            }
        }
        return new Listing(null, unlistable);
    }

    /** The file names in the directory, sorted by the caller. */
    static List<Path> entries(Path directory) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The places searched, in order, for messages. */
    String searched() {
        StringBuilder text = new StringBuilder();
        if (!resourceDirs.isEmpty()) {
            text.append("-A").append(OPTION).append(" (");
            for (int i = 0; i < resourceDirs.size(); i++) {
                Path dir = resourceDirs.get(i);
                text.append(i == 0 ? "" : ", ").append(dir);
                if (!Files.isDirectory(dir)) {
                    text.append(" [does not exist]");
                }
            }
            text.append("), ");
        }
        text.append("the class output, the class path and the source path");
        if (resourceDirs.isEmpty()) {
            text.append(" (no -A").append(OPTION).append(" given)");
        }
        return text.toString();
    }

    private FileObject fileObject(StandardLocation location, String name) {
        try {
            return filer.getResource(location, "", name);
        } catch (IOException | RuntimeException e) {
            // Not there, a location this compiler does not have, a name it does not accept, or a
            // directory, which javac's file manager refuses on input locations.
            return null;
        }
    }

    private static boolean exists(FileObject file) {
        try {
            file.openInputStream().close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(StandardLocation location, FileObject file) {
        String name = location == StandardLocation.CLASS_OUTPUT ? "the class output"
                : location == StandardLocation.CLASS_PATH ? "the class path" : "the source path";
        return file == null ? name : name + " (" + file.toUri() + ")";
    }
}
