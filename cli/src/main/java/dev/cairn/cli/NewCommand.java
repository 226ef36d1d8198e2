package dev.cairn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * {@code new "Add user email" --source-dir DIR --package P}: writes an empty migration class with
 * the next free version, depending on the graph's current heads. With {@code --sql} it writes a
 * SQL script {@code V<version>__<description>.sql} into {@code --resource-dir} instead, with a
 * {@code -- depends-on:} header. Needs no database. Refuses to overwrite an existing file.
 */
final class NewCommand implements Command {

    @Override
    public int run(Invocation invocation) throws Exception {
        ParsedArguments arguments = invocation.arguments();
        if (arguments.positionals().isEmpty()) {
            throw new UsageException("'new' needs a description, e.g. new \"Add user email\" --source-dir src/main/java.");
        }
        MigrationTemplate template = MigrationTemplate.forDescription(
                arguments.positionals().get(0), invocation.registry().migrations(), invocation.clock());
        if (arguments.has("--sql")) {
            return writeScript(invocation, template);
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
        Path sourceRoot = Paths.get(arguments.value("--source-dir").orElse("src/main/java"));
        Path directory = packageName.isEmpty() ? sourceRoot : sourceRoot.resolve(packageName.replace('.', '/'));
        Path file = directory.resolve(template.className() + ".java");
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

    private static int writeScript(Invocation invocation, MigrationTemplate template) throws IOException {
        ParsedArguments arguments = invocation.arguments();
        if (arguments.value("--package").isPresent() || arguments.value("--source-dir").isPresent()) {
            throw new UsageException("--package and --source-dir are for Java migrations; with --sql, name the "
                    + "script folder with --resource-dir (default src/main/resources/db/migration).");
        }
        Path directory = Paths.get(arguments.value("--resource-dir").orElse("src/main/resources/db/migration"));
        Path file = directory.resolve(template.scriptName());
        Path taken = scriptWithVersion(directory, template.version());
        if (taken != null) {
            invocation.err().println("Error: " + taken + " already has version " + template.version() + ", but the "
                    + "application's registry does not know it yet. Rebuild the application so that the registry "
                    + "includes it, then run 'new --sql' again.");
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

    /** Writes a new migration file; false, with the error printed, if the file already exists. */
    private static boolean writeNewFile(Invocation invocation, Path directory, Path file, String content)
            throws IOException {
        Files.createDirectories(directory);
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

    /** A script of the folder convention ({@code V<n>__*.sql} or {@code <n>_*.sql}) that already uses {@code version}. */
    private static Path scriptWithVersion(Path directory, long version) throws IOException {
        if (!Files.isDirectory(directory)) {
            return null;
        }
        Pattern numbered = Pattern.compile("(?:V0*|0*)" + version + "_.*\\.sql");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (numbered.matcher(file.getFileName().toString()).matches()) {
                    return file;
                }
            }
        }
        return null;
    }
}
