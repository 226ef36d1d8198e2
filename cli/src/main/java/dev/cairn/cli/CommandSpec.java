package dev.cairn.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The declaration of one CLI command: its name, what it does, the options and positional
 * arguments it accepts, and the code that runs it. Help text and parsing both come from here, so
 * they cannot drift apart.
 */
final class CommandSpec {
    private final String name;
    private final String summary;
    private final String positionalSynopsis;
    private final int maxPositionals;
    private final List<OptionSpec> options;
    private final boolean supportsJson;
    private final String details;
    private final Command command;

    private CommandSpec(Builder builder) {
        this.name = builder.name;
        this.summary = builder.summary;
        this.positionalSynopsis = builder.positionalSynopsis;
        this.maxPositionals = builder.maxPositionals;
        this.options = Collections.unmodifiableList(new ArrayList<>(builder.options));
        this.supportsJson = builder.supportsJson;
        this.details = builder.details;
        this.command = builder.command;
    }

    static Builder named(String name, String summary) {
        return new Builder(name, summary);
    }

    String name() {
        return name;
    }

    String summary() {
        return summary;
    }

    List<OptionSpec> options() {
        return options;
    }

    Optional<OptionSpec> option(String optionName) {
        for (OptionSpec option : options) {
            if (option.name().equals(optionName)) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }

    int maxPositionals() {
        return maxPositionals;
    }

    boolean supportsJson() {
        return supportsJson;
    }

    String details() {
        return details;
    }

    Command command() {
        return command;
    }

    /** The usage line, e.g. {@code rollback --to V}. */
    String synopsis() {
        StringBuilder line = new StringBuilder(name);
        if (!positionalSynopsis.isEmpty()) {
            line.append(' ').append(positionalSynopsis);
        }
        for (OptionSpec option : options) {
            line.append(option.isRequired() ? " " + option.synopsis() : " [" + option.synopsis() + "]");
        }
        return line.toString();
    }

    static final class Builder {
        private final String name;
        private final String summary;
        private String positionalSynopsis = "";
        private int maxPositionals;
        private final List<OptionSpec> options = new ArrayList<>();
        private boolean supportsJson;
        private String details = "";
        private Command command;

        private Builder(String name, String summary) {
            this.name = name;
            this.summary = summary;
        }

        Builder positionals(String synopsis, int max) {
            this.positionalSynopsis = synopsis;
            this.maxPositionals = max;
            return this;
        }

        Builder option(OptionSpec option) {
            options.add(option);
            return this;
        }

        Builder json() {
            this.supportsJson = true;
            return this;
        }

        Builder details(String text) {
            this.details = text;
            return this;
        }

        CommandSpec runs(Command implementation) {
            this.command = implementation;
            return new CommandSpec(this);
        }
    }
}
