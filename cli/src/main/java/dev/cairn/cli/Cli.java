package dev.cairn.cli;

import dev.cairn.runtime.Registry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The operator's command line for an application's migrations. Any application gets it by
 * calling one method from its {@code main}; there is nothing else to install.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Cli.run(MigrationRegistry.INSTANCE, args);   // exits with the command's status
 * }
 *
 * // or, with a default database and an in-process exit status:
 * int status = Cli.builder(MigrationRegistry.INSTANCE)
 *         .programName("java -jar shop.jar")
 *         .defaultJdbcUrl("jdbc:sqlite:shop.db")
 *         .build()
 *         .execute("migrate", "--yes");
 * }</pre>
 *
 * <p>Commands: {@code migrate}, {@code plan}, {@code info}, {@code validate}, {@code rollback},
 * {@code baseline}, {@code adopt-flyway}, {@code repair}, {@code backup}, {@code backups},
 * {@code restore} (SQLite files), {@code graph}, {@code new}, {@code help}. Exit status:
 * {@link #EXIT_SUCCESS} 0, {@link #EXIT_FAILURE} 1 (a migration or validation failed),
 * {@link #EXIT_USAGE} 2 (the command line is wrong), {@link #EXIT_INCOMPLETE} 3 ({@code migrate}
 * stopped at its batch time limit: run it again to resume). Errors are printed as one paragraph;
 * {@code --verbose} adds the stack trace. The database password is read from the environment
 * variable {@code CAIRN_PASSWORD}, never from the command line, and never printed.
 */
public final class Cli {
    /** The command did what was asked. */
    public static final int EXIT_SUCCESS = 0;
    /** A migration, a validation or the database failed. */
    public static final int EXIT_FAILURE = 1;
    /** The command line is wrong: unknown command or option, missing or malformed value. */
    public static final int EXIT_USAGE = 2;
    /**
     * {@code migrate} stopped at its {@code --batch-time-limit}: batched migrations are in progress
     * and what depends on them waits. Nothing failed; run {@code migrate} again to resume.
     */
    public static final int EXIT_INCOMPLETE = 3;

    /**
     * Cairn logs through {@link System.Logger}, which lands in java.util.logging unless the
     * application routes it elsewhere. Held in a field because JUL keeps loggers weakly.
     */
    private static final Logger ENGINE_LOG = Logger.getLogger("dev.cairn");
    /** Where the engine reports a failed migration, which the CLI reports itself. */
    private static final Logger FAILURE_LOG = Logger.getLogger("dev.cairn.failure");
    /**
     * MariaDB Connector/J, which logs every error it returns, including the missing table Cairn
     * expects while it looks for the history table; routed here by {@link #MARIADB_LOGGING}.
     */
    private static final Logger MARIADB_DRIVER_LOG = Logger.getLogger("org.mariadb.jdbc");
    /** The driver's switch from its own console logger (used when SLF4J is absent) to java.util.logging. */
    private static final String MARIADB_LOGGING = "mariadb.logging.fallback";

    private final Registry registry;
    private final String programName;
    private final String defaultUrl;
    private final PrintStream out;
    private final PrintStream err;
    private final Terminal terminal;
    private final Map<String, String> environment;
    private final Clock clock;
    private final Path workingDirectory;
    private final List<CommandSpec> commands;
    private final CommandLineParser parser;
    private final HelpPrinter help;

    private Cli(Builder builder) {
        this.registry = builder.registry;
        this.programName = builder.programName;
        this.defaultUrl = builder.defaultUrl;
        this.out = builder.out;
        this.err = builder.err;
        this.terminal = builder.terminal;
        this.environment = builder.environment;
        this.clock = builder.clock;
        this.workingDirectory = builder.workingDirectory;
        this.commands = Commands.all();
        this.parser = new CommandLineParser(Commands.GLOBAL_OPTIONS, commands);
        this.help = new HelpPrinter(programName, Commands.GLOBAL_OPTIONS, commands, defaultUrl);
    }

    /**
     * Runs the command in {@code args} against the database named by {@code --url} or
     * {@code --db}, then exits the JVM with its status. Call it last in {@code main}.
     */
    public static void run(Registry registry, String... args) {
        builder(registry).build().run(args);
    }

    /** Like {@link #run(Registry, String...)} but returns the exit status instead of exiting. */
    public static int execute(Registry registry, String... args) {
        return builder(registry).build().execute(args);
    }

    /** A CLI with options: a default database, a program name for the help text, streams. */
    public static Builder builder(Registry registry) {
        return new Builder(registry);
    }

    /**
     * Runs the command in {@code args}, then exits the JVM with its status. The process is the
     * CLI, so the engine's own INFO log lines (which repeat the progress lines) are silenced
     * unless {@code --verbose}.
     */
    public void run(String... args) {
        if (System.getProperty(MARIADB_LOGGING) == null) {
            // Before any connection: the driver chooses its logger once. The CLI reports failures itself.
            System.setProperty(MARIADB_LOGGING, "JDK");
        }
        if (!Arrays.asList(args).contains("--verbose")) {
            ENGINE_LOG.setLevel(Level.WARNING);
            // The CLI prints a failed migration itself, once, as "Error: ..."; the engine's log line
            // would say it a second time.
            FAILURE_LOG.setLevel(Level.OFF);
            MARIADB_DRIVER_LOG.setLevel(Level.OFF);
        }
        System.exit(execute(args));
    }

    /** Runs the command in {@code args} and returns its exit status (0, 1, 2 or 3). */
    public int execute(String... args) {
        boolean verbose = false;
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            verbose |= arg.equals("--verbose");
        }
        try {
            ParsedArguments arguments = parser.parse(args);
            CommandSpec command = arguments.command();
            if (command == null) {
                if (arguments.has("--help")) {
                    help.printGlobal(out);
                    return EXIT_SUCCESS;
                }
                throw new UsageException("No command given.");
            }
            if (arguments.has("--help")) {
                help.printCommand(out, command);
                return EXIT_SUCCESS;
            }
            if (command.name().equals("help")) {
                return printHelpFor(arguments);
            }
            if (arguments.has("--json") && !command.supportsJson()) {
                throw new UsageException("--json is available for info, validate, plan and migrate, not for '"
                        + command.name() + "'.");
            }
            Invocation invocation = new Invocation(
                    registry, arguments, out, err, terminal, environment, defaultUrl, clock, workingDirectory);
            return command.command().run(invocation);
        } catch (UsageException e) {
            err.println("Error: " + e.getMessage());
            err.println("Run '" + programName + " --help' for usage.");
            return EXIT_USAGE;
        } catch (Exception | LinkageError e) {
            err.println("Error: " + ErrorMessages.describe(e));
            if (verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(Run again with --verbose to see the stack trace.)");
            }
            return EXIT_FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int printHelpFor(ParsedArguments arguments) {
        if (arguments.positionals().isEmpty()) {
            help.printGlobal(out);
            return EXIT_SUCCESS;
        }
        String name = arguments.positionals().get(0);
        for (CommandSpec command : commands) {
            if (command.name().equals(name)) {
                help.printCommand(out, command);
                return EXIT_SUCCESS;
            }
        }
        throw new UsageException("Unknown command '" + name + "'.");
    }

    /**
     * Configures a {@link Cli}.
     *
     * <pre>{@code
     * Cli cli = Cli.builder(MigrationRegistry.INSTANCE).defaultJdbcUrl("jdbc:sqlite:app.db").build();
     * }</pre>
     */
    public static final class Builder {
        private final Registry registry;
        private String programName = "cairn";
        private String defaultUrl;
        private PrintStream out = System.out;
        private PrintStream err = System.err;
        private Terminal terminal = Terminal.system();
        private Map<String, String> environment = System.getenv();
        private Clock clock = Clock.systemUTC();
        private Path workingDirectory = Paths.get("");

        private Builder(Registry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** How the help text shows the command, e.g. {@code "java -jar shop.jar"}. */
        public Builder programName(String name) {
            this.programName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The database used when neither {@code --url} nor {@code --db} is given, e.g.
         * {@code "jdbc:sqlite:shop.db"}. Without one, commands that need a database ask for it.
         */
        public Builder defaultJdbcUrl(String jdbcUrl) {
            this.defaultUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            return this;
        }

        /** Where results go (standard output by default). */
        public Builder out(PrintStream stream) {
            this.out = Objects.requireNonNull(stream, "stream");
            return this;
        }

        /** Where errors go (standard error by default). */
        public Builder err(PrintStream stream) {
            this.err = Objects.requireNonNull(stream, "stream");
            return this;
        }

        /** The environment the password is read from; {@link System#getenv()} by default. */
        public Builder environment(Map<String, String> variables) {
            this.environment = Map.copyOf(variables);
            return this;
        }

        /** The clock for timestamp versions of {@code new}; the system UTC clock by default. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Where relative paths of {@code new} are resolved; the process's directory by default. For tests. */
        Builder workingDirectory(Path directory) {
            this.workingDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        Builder terminal(Terminal value) {
            this.terminal = Objects.requireNonNull(value, "value");
            return this;
        }

        /** The configured CLI; it can run any number of commands. */
        public Cli build() {
            return new Cli(this);
        }
    }
}
