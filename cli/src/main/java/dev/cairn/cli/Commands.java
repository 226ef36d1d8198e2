package dev.cairn.cli;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The catalogue of commands and global options: what {@code --help} lists, in that order. */
final class Commands {
    static final List<OptionSpec> GLOBAL_OPTIONS = Collections.unmodifiableList(Arrays.asList(
            OptionSpec.withValue("--url", "JDBC_URL", "Database to use, e.g. jdbc:postgresql://localhost:5432/shop"),
            OptionSpec.withValue("--user", "NAME",
                    "Database user; the password is read from the environment variable "
                            + DatabaseTarget.PASSWORD_VARIABLE),
            OptionSpec.withValue("--db", "FILE", "SQLite database file (shortcut for --url jdbc:sqlite:FILE)"),
            OptionSpec.flag("--json", "Machine-readable output for info, validate, plan and migrate"),
            OptionSpec.flag("--verbose", "Print stack traces with errors"),
            OptionSpec.flag("--help", "Show help (also -h); '<command> --help' for one command")));

    private Commands() {
    }

    static List<CommandSpec> all() {
        OptionSpec target = OptionSpec.withValue("--target", "V", "Stop at version V (V and what it depends on)");
        OptionSpec outOfOrder = OptionSpec.flag("--out-of-order",
                "Also apply migrations added after later ones were applied");
        OptionSpec tenants = OptionSpec.withValue("--tenants", "FILE",
                "A fleet: one tenant per line, a JDBC URL or name=URL");
        OptionSpec schemas = OptionSpec.withValue("--schemas", "PATTERN",
                "A fleet: the schemas of the PostgreSQL --url whose name matches the regular expression");
        OptionSpec parallelism = OptionSpec.withValue("--parallelism", "N",
                "Fleet: tenants at once (default: the processors available)");
        return Collections.unmodifiableList(Arrays.asList(
                CommandSpec.named("migrate", "Apply pending migrations, after showing the plan")
                        .option(target)
                        .option(outOfOrder)
                        .option(OptionSpec.flag("--dry-run", "Show the plan only; change nothing"))
                        .option(OptionSpec.flag("--yes", "Do not ask for confirmation"))
                        .option(OptionSpec.flag("--integrity-check",
                                "SQLite: run PRAGMA integrity_check and foreign_key_check after applying"))
                        .option(tenants)
                        .option(schemas)
                        .option(parallelism)
                        .option(OptionSpec.flag("--fail-fast", "Fleet: stop starting tenants after the first failure"))
                        .option(BatchOptions.specs()[0])
                        .option(BatchOptions.specs()[1])
                        .option(BatchOptions.specs()[2])
                        .json()
                        .details("Validates first and applies nothing if validation fails. On a terminal it asks\n"
                                + "for confirmation unless --yes; without a terminal (scripts, CI) it proceeds.\n"
                                + "Prints one line per migration (version, description, time) and a summary.\n"
                                + "With --integrity-check, a problem found after the run exits 1; the migrations\n"
                                + "stay applied ('backup' before, 'restore' to go back).\n"
                                + "With --tenants or --schemas it migrates every tenant of a fleet in parallel,\n"
                                + "without asking: a progress bar on a terminal, a line per tenant otherwise,\n"
                                + "then the failed tenants (exit 1). Running it again retries only what failed.\n"
                                + "A batched migration shows its rows done, rate and time left: a bar on a terminal,\n"
                                + "a line per tenth of the rows (at most one a second) otherwise. With\n"
                                + "--batch-time-limit it stops after the batch that passes the limit, applies what\n"
                                + "does not depend on it, names what waits and exits 3 (not complete): run migrate\n"
                                + "again to resume. DURATION is a whole number and ms, s, m or h (200ms, 10m).\n"
                                + "With --json (and --yes on a terminal) it prints the plan and the outcome as JSON.")
                        .runs(new MigrateCommand(false)),
                CommandSpec.named("plan", "Show what migrate would apply, in order, touching nothing")
                        .option(target)
                        .option(outOfOrder)
                        .json()
                        .details("An SQLite file that does not exist yet is shown as an empty database and not\n"
                                + "created (so are info, validate and graph).")
                        .runs(new MigrateCommand(true)),
                CommandSpec.named("info", "List every migration with its state, time and checksum")
                        .option(tenants)
                        .option(schemas)
                        .option(parallelism)
                        .json()
                        .details("States: pending, applied, baselined, rolled back, failed, in progress (a batched\n"
                                + "migration with committed batches: rows done, last key; migrate resumes it), and\n"
                                + "applied unknown (recorded in the database but not part of this application).\n"
                                + "With --tenants or --schemas: how many tenants stand at each version, and which\n"
                                + "failed or could not be read.")
                        .runs(new InfoCommand()),
                CommandSpec.named("validate", "Report every difference between the code and the database")
                        .json()
                        .details("Exit status 1 if there is any problem: edited applied migrations, failed\n"
                                + "migrations, migrations unknown to this application, rolled-back dependencies.")
                        .runs(new ValidateCommand()),
                CommandSpec.named("rollback", "Undo migrations down to a version")
                        .option(OptionSpec.withValue("--to", "V", "The version to keep (with what it depends on)").required())
                        .option(OptionSpec.flag("--yes", "Do not ask for confirmation"))
                        .details("Runs down() of every applied migration that V does not depend on, dependents\n"
                                + "first. Refused before anything runs if one of them is irreversible.")
                        .runs(new RollbackCommand()),
                CommandSpec.named("baseline", "Record an existing database as being at a version")
                        .option(OptionSpec.withValue("--version", "V", "The version the database already has").required())
                        .details("Marks V and everything it depends on as applied without running them.")
                        .runs(new BaselineCommand()),
                CommandSpec.named("adopt-flyway", "Take over a database Flyway migrated, from its history")
                        .details("Records every migration flyway_schema_history says Flyway applied (or baselined)\n"
                                + "as applied, without running it; 'migrate' then applies only what Flyway had not.\n"
                                + "Refused, recording nothing, on a failed Flyway migration, a version this\n"
                                + "application lacks, one it has that Flyway skipped, or a dotted version (1.1).")
                        .runs(new AdoptFlywayCommand()),
                CommandSpec.named("repair", "Clear failed entries and realign checksums with the code")
                        .runs(new RepairCommand()),
                CommandSpec.named("forget", "Record that an applied migration was deleted from the code")
                        .option(OptionSpec.withValue("--version", "V", "The applied version the code no longer has")
                                .required())
                        .details("For a script or class deleted on purpose after it was applied: the database no\n"
                                + "longer counts it as applied (it stays in the history, after a FORGET row with\n"
                                + "who and when). What it did stays in the database.")
                        .runs(new ForgetCommand()),
                CommandSpec.named("backup", "SQLite: snapshot the database file into a folder")
                        .option(OptionSpec.withValue("--dir", "DIR", "Folder for the snapshots (created if missing)")
                                .required())
                        .option(OptionSpec.withValue("--keep", "N", "Keep the newest N snapshots of this database, "
                                + "delete older ones (default: keep all)"))
                        .details("Writes <database file>.<UTC timestamp>.backup with VACUUM INTO, a consistent\n"
                                + "copy even while the application reads and writes. PostgreSQL: use pg_dump or\n"
                                + "continuous archiving with point-in-time recovery instead.")
                        .runs(new BackupCommand()),
                CommandSpec.named("backups", "SQLite: list the snapshots of the database in a folder")
                        .option(OptionSpec.withValue("--dir", "DIR", "Folder given to backup --dir").required())
                        .runs(new BackupsCommand()),
                CommandSpec.named("restore", "SQLite: replace the database file with a snapshot")
                        .option(OptionSpec.withValue("--from", "FILE", "The snapshot, e.g. from 'backups'").required())
                        .option(OptionSpec.flag("--yes", "Do not ask for confirmation"))
                        .details("Stop the application first. Refused while a Cairn migration holds the lock,\n"
                                + "while another connection has a transaction open, or while the database is open\n"
                                + "in WAL mode elsewhere; an idle connection in rollback-journal mode cannot be\n"
                                + "detected. The current database is replaced, not kept: run 'backup' first.")
                        .runs(new RestoreCommand()),
                CommandSpec.named("graph", "Print the dependency graph as Mermaid or DOT")
                        .option(OptionSpec.withValue("--format", "mermaid|dot", "Output format (default mermaid)"))
                        .option(OptionSpec.flag("--offline", "Draw from the code only, without the database"))
                        .details("With a database, each migration is marked applied, pending, ...")
                        .runs(new GraphCommand()),
                CommandSpec.named("new", "Write a new migration class, ready to fill in")
                        .positionals("\"DESCRIPTION\"", 1)
                        .option(OptionSpec.withValue("--source-dir", "DIR", "Source root (default src/main/java)"))
                        .option(OptionSpec.withValue("--package", "P", "Package (default: the registry's)"))
                        .option(OptionSpec.flag("--sql", "Write a SQL script migration instead of a class"))
                        .option(OptionSpec.withValue("--version", "V",
                                "Use version V instead of the next free one the registry suggests"))
                        .option(OptionSpec.withValue("--resource-dir", "DIR",
                                "Script folder for --sql (default src/main/resources/db/migration)"))
                        .details("The class name comes from the description, the version is the next free one,\n"
                                + "and dependsOn lists the graph's current heads. With --sql the file is\n"
                                + "V<version>__<description>.sql with a '-- depends-on: <heads>' header.\n"
                                + "Never overwrites a file. Refuses to write into a default folder that does not\n"
                                + "exist (run it from the project's root, or name the folder), and refuses a\n"
                                + "version that a script in the script folder already has but the registry does\n"
                                + "not know yet (rebuild first, or pass the --version it proposes).")
                        .runs(new NewCommand()),
                CommandSpec.named("help", "Show help for a command")
                        .positionals("[COMMAND]", 1)
                        .runs(invocation -> Cli.EXIT_SUCCESS)));
    }
}
