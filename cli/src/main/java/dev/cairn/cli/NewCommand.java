package dev.cairn.cli;

import dev.cairn.runtime.MigrationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code new "Add user email" --source-dir DIR --package P}: writes an empty migration class with
 * the next free version, depending on the graph's current heads. With {@code --sql} it writes a
 * SQL script {@code V<version>__<description>.sql} into {@code --resource-dir} instead, with a
 * {@code -- depends-on:} header. Needs no database. Refuses to overwrite an existing file.
 *
 * <p>Two guards for a user who is not where they think: a default folder ({@code src/main/java},
 * {@code src/main/resources/db/migration}) that does not exist means the command runs outside the
 * project, so it refuses instead of creating one; and a version that a script in the script folder
 * (or a class in the target package) already has means the registry is older than the sources, so
 * it refuses and proposes the next free version ({@code --version V}), or a rebuild.
 */
final class NewCommand implements Command {
    static final String DEFAULT_SOURCE_DIR = "src/main/java";
    static final String DEFAULT_RESOURCE_DIR = "src/main/resources/db/migration";

    /** {@code V5__x.sql}, {@code V005__x.sql}, {@code 5_x.sql}: the folder convention's version. */
    private static final Pattern SCRIPT_VERSION = Pattern.compile("V?0*(\\d{1,18})_.*\\.sql");
    /** {@code @Migration(version = 5} in a source file not compiled into the registry yet. */
    private static final Pattern CLASS_VERSION = Pattern.compile("@Migration\\s*\\(\\s*version\\s*=\\s*(\\d{1,18})L?");

    @Override
    public int run(Invocation invocation) throws Exception {
        ParsedArguments arguments = invocation.arguments();
        if (arguments.positionals().isEmpty()) {
            throw new UsageException("'new' needs a description, e.g. new \"Add user email\" --source-dir src/main/java.");
        }
        MigrationTemplate template = MigrationTemplate.forDescription(
                arguments.positionals().get(0), invocation.registry().migrations(), invocation.clock());
        Optional<MigrationVersion> version = arguments.version("--version");
        if (version.isPresent()) {
            if (!version.get().isWhole()) {
                throw new UsageException("--version " + version.get() + ": 'new' writes migrations with whole-number "
                        + "versions; name a version with parts yourself (V" + version.get().toString().replace('.', '_')
                        + "__name.sql, or @Migration(dottedVersion = \"" + version.get() + "\")).");
            }
            if (invocation.registry().find(version.get()).isPresent()) {
                throw new UsageException("--version " + version.get() + ": version " + version.get() + " is already "
                        + "a migration of this application; leave --version out to get the next free one ("
                        + template.version() + ").");
            }
            template = template.withVersion(version.get().asLong());
        }
        if (arguments.has("--sql")) {
            return writeScript(invocation, template, version.isPresent());
        }
        if (arguments.value("--resource-dir").isPresent()) {
            throw new UsageException("--resource-dir is where 'new --sql' writes a SQL script; add --sql, or use "
                    + "--source-dir for a Java migration.");
        }
        String packageName = arguments.value("--package").orElse(invocation.registry().getClass().getPackageName());
        if (!packageName.isEmpty() && !packageName.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw new UsageException("--package expects a Java package name such as com.example.db, not '"
                    + packageName + "'.");
        }
        Path sourceRoot = folder(invocation, "--source-dir", DEFAULT_SOURCE_DIR);
        Path directory = packageName.isEmpty() ? sourceRoot : sourceRoot.resolve(packageName.replace('.', '/'));
        Path file = directory.resolve(template.className() + ".java");
        TreeMap<Long, Path> uncompiled = scriptVersions(invocation.path(DEFAULT_RESOURCE_DIR));
        uncompiled.putAll(classVersions(directory));
        // An existing file of the same name is reported as such below, not as a stale registry.
        if (!Files.exists(file) && refuseTakenVersion(invocation, template, uncompiled, version.isPresent())) {
            return Cli.EXIT_FAILURE;
        }
        if (!writeNewFile(invocation, directory, file, template.source(packageName))) {
            return Cli.EXIT_FAILURE;
        }
        invocation.out().println("Created " + file);
        invocation.out().println("  version " + template.version()
                + (template.dependsOn().isEmpty() ? ", no dependencies (first migration)"
                        : ", depends on " + template.dependsOn()));
        invocation.out().println("Fill in up(), rebuild, and run 'migrate'.");
        return Cli.EXIT_SUCCESS;
    }

    private static int writeScript(Invocation invocation, MigrationTemplate template, boolean versionGiven)
            throws IOException {
        ParsedArguments arguments = invocation.arguments();
        if (arguments.value("--package").isPresent() || arguments.value("--source-dir").isPresent()) {
            throw new UsageException("--package and --source-dir are for Java migrations; with --sql, name the "
                    + "script folder with --resource-dir (default " + DEFAULT_RESOURCE_DIR + ").");
        }
        Path directory = folder(invocation, "--resource-dir", DEFAULT_RESOURCE_DIR);
        Path file = directory.resolve(template.scriptName());
        if (!Files.exists(file) && refuseTakenVersion(invocation, template, scriptVersions(directory), versionGiven)) {
            return Cli.EXIT_FAILURE;
        }
        if (!writeNewFile(invocation, directory, file, template.script())) {
            return Cli.EXIT_FAILURE;
        }
        invocation.out().println("Created " + file);
        invocation.out().println("  version " + template.version()
                + (template.dependsOn().isEmpty() ? ", no dependencies (first migration)"
                        : ", depends on " + template.dependsOn() + " (its '-- depends-on:' header)"));
        invocation.out().println("Write its statements, rebuild, and run 'migrate'. For rollback, add "
                + template.undoScriptName() + " beside it.");
        return Cli.EXIT_SUCCESS;
    }

    /**
     * The folder named by {@code option}, or the default one, which must exist: a missing
     * {@code src/main/java} means the command runs outside the project, and writing a new tree
     * there would only hide the migration from the build.
     */
    private static Path folder(Invocation invocation, String option, String defaultFolder) {
        Optional<String> given = invocation.arguments().value(option);
        Path folder = invocation.path(given.orElse(defaultFolder));
        if (given.isEmpty() && !Files.isDirectory(folder)) {
            throw new UsageException(folder.toAbsolutePath() + " does not exist, so this is not the root of a "
                    + "project with the usual layout and 'new' would write where no build looks. Run it from the "
                    + "project's root, or name the folder with " + option + " DIR (created if missing).");
        }
        return folder;
    }

    /**
     * True, with the error printed, when an uncompiled script or class already has the template's
     * version: the registry is older than the sources. Proposes the version after all of them.
     */
    private static boolean refuseTakenVersion(
            Invocation invocation, MigrationTemplate template, TreeMap<Long, Path> uncompiled, boolean versionGiven) {
        Path taken = uncompiled.get(template.version());
        if (taken == null) {
            return false;
        }
        long free = Math.max(template.version(), uncompiled.lastKey()) + 1;
        while (invocation.registry().find(free).isPresent() || uncompiled.containsKey(free)) {
            free++;
        }
        if (versionGiven) {
            invocation.err().println("Error: " + taken + " already has version " + template.version() + ". The next "
                    + "free version is " + free + ": pass --version " + free + ".");
        } else {
            invocation.err().println("Error: " + taken + " already has version " + template.version() + ", but the "
                    + "application's registry does not know it yet. Rebuild the application so that the registry "
                    + "includes it, then run 'new' again (the new migration then depends on it); or pass --version "
                    + free + " to write it now, depending on " + template.dependsOn() + " only.");
        }
        return true;
    }

    /** Writes a new migration file; false, with the error printed, if the file already exists. */
    private static boolean writeNewFile(Invocation invocation, Path directory, Path file, String content)
            throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            invocation.out().println("Created the directory " + directory.toAbsolutePath());
        }
        try {
            // CREATE_NEW makes the existence check and the write one atomic step.
            Files.write(file, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            invocation.err().println("Error: " + file + " already exists; Cairn never overwrites a migration. "
                    + "Choose another description or delete the file yourself.");
            return false;
        }
    }

    /** The versions used by the scripts of the folder convention ({@code V<n>__*.sql} or {@code <n>_*.sql}). */
    private static TreeMap<Long, Path> scriptVersions(Path directory) throws IOException {
        TreeMap<Long, Path> versions = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return versions;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.sql")) {
            for (Path file : files) {
                Matcher matcher = SCRIPT_VERSION.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    versions.putIfAbsent(Long.parseLong(matcher.group(1)), file);
                }
            }
        }
        return versions;
    }

    /** The versions declared by {@code @Migration} classes in {@code directory} (one package, not recursive). */
    private static TreeMap<Long, Path> classVersions(Path directory) throws IOException {
        TreeMap<Long, Path> versions = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return versions;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.java")) {
            for (Path file : files) {
                Matcher matcher = CLASS_VERSION.matcher(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                if (matcher.find()) {
                    versions.putIfAbsent(Long.parseLong(matcher.group(1)), file);
                }
            }
        }
        return versions;
    }
}
