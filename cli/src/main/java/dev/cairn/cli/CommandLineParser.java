package dev.cairn.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns {@code String[] args} into {@link ParsedArguments}. Global options may appear anywhere;
 * a command's own options after the command name. {@code --name=value} and {@code --name value}
 * are both accepted; {@code --} ends option parsing (for a description starting with a dash).
 */
final class CommandLineParser {
    private final List<OptionSpec> globalOptions;
    private final List<CommandSpec> commands;

    CommandLineParser(List<OptionSpec> globalOptions, List<CommandSpec> commands) {
        this.globalOptions = globalOptions;
        this.commands = commands;
    }

    ParsedArguments parse(String... args) {
        CommandSpec command = null;
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String token = args[i];
            if (!optionsEnded && token.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (!optionsEnded && token.equals("-h")) {
                token = "--help";
            }
            if (!optionsEnded && token.startsWith("--")) {
                String name = token;
                String inlineValue = null;
                int equals = token.indexOf('=');
                if (equals > 0) {
                    name = token.substring(0, equals);
                    inlineValue = token.substring(equals + 1);
                }
                OptionSpec option = find(name, command);
                if (values.containsKey(name) || flags.contains(name)) {
                    throw new UsageException(name + " is given twice.");
                }
                if (option.takesValue()) {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new UsageException(name + " needs a value: " + option.synopsis() + ".");
                        }
                        value = args[++i];
                    }
                    values.put(name, value);
                } else {
                    if (inlineValue != null) {
                        throw new UsageException(name + " takes no value.");
                    }
                    flags.add(name);
                }
            } else if (command == null) {
                command = commandNamed(token);
            } else {
                positionals.add(token);
            }
        }
        if (command != null && positionals.size() > command.maxPositionals() && !flags.contains("--help")) {
            throw new UsageException("'" + command.name() + "' does not take the argument '"
                    + positionals.get(command.maxPositionals()) + "'. Usage: " + command.synopsis());
        }
        return new ParsedArguments(command, values, flags, positionals);
    }

    private OptionSpec find(String name, CommandSpec command) {
        for (OptionSpec option : globalOptions) {
            if (option.name().equals(name)) {
                return option;
            }
        }
        if (command != null) {
            Optional<OptionSpec> own = command.option(name);
            if (own.isPresent()) {
                return own.get();
            }
            throw new UsageException("'" + command.name() + "' has no option " + name + ". Usage: "
                    + command.synopsis());
        }
        for (CommandSpec candidate : commands) {
            if (candidate.option(name).isPresent()) {
                throw new UsageException(name + " belongs to a command: write it after the command name, e.g. '"
                        + candidate.name() + " " + name + "'.");
            }
        }
        throw new UsageException("Unknown option " + name + ".");
    }

    private CommandSpec commandNamed(String name) {
        for (CommandSpec command : commands) {
            if (command.name().equals(name)) {
                return command;
            }
        }
        throw new UsageException("Unknown command '" + name + "'.");
    }
}
