package dev.cairn.cli;

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
    Optional<Long> version(String option) {
        Optional<String> text = value(option);
        if (!text.isPresent()) {
            return Optional.empty();
        }
        return Optional.of(parseVersion(option, text.get()));
    }

    /** Like {@link #version} for an option the command cannot do without. */
    long requiredVersion(String option) {
        return version(option).orElseThrow(() -> new UsageException(
                "'" + command.name() + "' needs " + option + " V, the version to act on."));
    }

    static long parseVersion(String option, String text) {
        long version;
        try {
            version = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects a migration version (a positive whole number), not '"
                    + text + "'.");
        }
        if (version <= 0) {
            throw new UsageException(option + " expects a positive migration version, not " + version + ".");
        }
        return version;
    }
}
