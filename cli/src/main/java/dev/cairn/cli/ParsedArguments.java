package dev.cairn.cli;

import dev.cairn.runtime.MigrationVersion;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line after parsing: which command, the options given (global and the command's
 * own, already checked against the command's declaration) and the positional arguments. An
 * immutable value; reading a missing option is not an error here, the command decides.
 */
final class ParsedArguments {
    private final CommandSpec command;
    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positionals;

    ParsedArguments(
            CommandSpec command, Map<String, String> values, Set<String> flags, List<String> positionals) {
        this.command = command;
        this.values = Collections.unmodifiableMap(values);
        this.flags = Collections.unmodifiableSet(flags);
        this.positionals = Collections.unmodifiableList(positionals);
    }

    /** The command to run; {@code null} when none was given (then only global help makes sense). */
    CommandSpec command() {
        return command;
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    Optional<String> value(String option) {
        return Optional.ofNullable(values.get(option));
    }

    List<String> positionals() {
        return positionals;
    }

    /**
     * The value of an option holding a migration version, checked to be a positive whole number
     * so that a typo is a usage error and never reaches the database.
     */
    Optional<MigrationVersion> version(String option) {
        Optional<String> text = value(option);
        if (!text.isPresent()) {
            return Optional.empty();
        }
        return Optional.of(parseVersion(option, text.get()));
    }

    /** Like {@link #version} for an option the command cannot do without. */
    MigrationVersion requiredVersion(String option) {
        return version(option).orElseThrow(() -> new UsageException(
                "'" + command.name() + "' needs " + option + " V, the version to act on."));
    }

    static MigrationVersion parseVersion(String option, String text) {
        String trimmed = text.trim();
        if (MigrationVersion.problemWith(trimmed) != null) {
            throw new UsageException(option + " expects a migration version (a positive whole number, or numbers "
                    + "separated by dots such as 1.10), not '" + text + "'.");
        }
        MigrationVersion version = MigrationVersion.parse(trimmed);
        if (version.equals(MigrationVersion.of(0))) {
            throw new UsageException(option + " expects a positive migration version, not " + version + ".");
        }
        return version;
    }
}
