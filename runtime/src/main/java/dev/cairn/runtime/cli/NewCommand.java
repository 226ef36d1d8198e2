package dev.cairn.runtime.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * {@code new "Add user email" --source-dir DIR --package P}: writes an empty migration class with
 * the next free version, depending on the graph's current heads. Needs no database. Refuses to
 * overwrite an existing file.
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
        String packageName = arguments.value("--package").orElse(invocation.registry().getClass().getPackageName());
        if (!packageName.isEmpty() && !packageName.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw new UsageException("--package expects a Java package name such as com.example.db, not '"
                    + packageName + "'.");
        }
        Path sourceRoot = Paths.get(arguments.value("--source-dir").orElse("src/main/java"));
        Path directory = packageName.isEmpty() ? sourceRoot : sourceRoot.resolve(packageName.replace('.', '/'));
        Path file = directory.resolve(template.className() + ".java");
        Files.createDirectories(directory);
        try {
            // CREATE_NEW makes the existence check and the write one atomic step.
            Files.write(file, template.source(packageName).getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            invocation.err().println("Error: " + file + " already exists; Cairn never overwrites a migration. "
                    + "Choose another description or delete the file yourself.");
            return Cli.EXIT_FAILURE;
        }
        invocation.out().println("Created " + file);
        invocation.out().println("  version " + template.version()
                + (template.dependsOn().isEmpty() ? ", no dependencies (first migration)"
                        : ", depends on " + template.dependsOn()));
        invocation.out().println("Fill in up(), rebuild, and run 'migrate'.");
        return Cli.EXIT_SUCCESS;
    }
}
