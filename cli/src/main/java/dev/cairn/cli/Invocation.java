package dev.cairn.cli;

import dev.cairn.runtime.Registry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one command run needs: the application's registry, the parsed command line, the
 * output streams and the resolved database. Commands read from it and never from globals, which
 * keeps them testable in-process.
 */
final class Invocation {
    private final Registry registry;
    private final ParsedArguments arguments;
    private final PrintStream out;
    private final PrintStream err;
    private final Terminal terminal;
    private final Map<String, String> environment;
    private final String defaultUrl;
    private final Clock clock;
    private final Path workingDirectory;

    Invocation(
            Registry registry,
            ParsedArguments arguments,
            PrintStream out,
            PrintStream err,
            Terminal terminal,
            Map<String, String> environment,
            String defaultUrl,
            Clock clock,
            Path workingDirectory) {
        this.registry = registry;
        this.arguments = arguments;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.environment = environment;
        this.defaultUrl = defaultUrl;
        this.clock = clock;
        this.workingDirectory = workingDirectory;
    }

    Registry registry() {
        return registry;
    }

    ParsedArguments arguments() {
        return arguments;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Terminal terminal() {
        return terminal;
    }

    Clock clock() {
        return clock;
    }

    /**
     * A path given on the command line (or a default folder), resolved against the working
     * directory; the process's own unless a test set another.
     */
    Path path(String text) {
        return workingDirectory.resolve(text);
    }

    boolean json() {
        return arguments.has("--json");
    }

    /** The database named on the command line or by the application's default, if any. */
    Optional<DatabaseTarget> database() {
        return DatabaseTarget.resolve(arguments, defaultUrl, environment);
    }

    /** The database, for commands that cannot work without one. */
    DatabaseTarget requireDatabase() {
        return database().orElseThrow(() -> new UsageException(
                "'" + arguments.command().name() + "' needs a database: add --url JDBC_URL or --db FILE."));
    }

    /** The process environment the CLI reads ({@code CAIRN_PASSWORD}, {@code CAIRN_PLACEHOLDER_*}). */
    Map<String, String> environment() {
        return environment;
    }
}
