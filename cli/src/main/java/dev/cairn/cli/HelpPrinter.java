package dev.cairn.cli;

import java.io.PrintStream;
import java.util.List;

/** Renders the global help and each command's help from the same declarations the parser uses. */
final class HelpPrinter {
    private final String programName;
    private final List<OptionSpec> globalOptions;
    private final List<CommandSpec> commands;
    private final String defaultUrl;

    HelpPrinter(String programName, List<OptionSpec> globalOptions, List<CommandSpec> commands, String defaultUrl) {
        this.programName = programName;
        this.globalOptions = globalOptions;
        this.commands = commands;
        this.defaultUrl = defaultUrl;
    }

    void printGlobal(PrintStream out) {
        out.println("Usage: " + programName + " [global options] <command> [command options]");
        out.println();
        out.println("Database migrations checked at compile time by Cairn.");
        out.println();
        out.println("Commands:");
        int width = 0;
        for (CommandSpec command : commands) {
            width = Math.max(width, command.name().length());
        }
        for (CommandSpec command : commands) {
            out.println("  " + pad(command.name(), width) + "  " + command.summary());
        }
        out.println();
        out.println("Global options:");
        printOptions(out, globalOptions);
        out.println();
        out.println("Database: " + (defaultUrl == null
                ? "none by default; give --url or --db."
                : DatabaseTarget.redact(defaultUrl) + " unless --url or --db is given."));
        out.println("Exit status: 0 success, 1 migration or validation failure, 2 bad usage, 3 not complete "
                + "(migrate --batch-time-limit left a batched migration in progress).");
        out.println("Run '" + programName + " <command> --help' for a command's options.");
    }

    void printCommand(PrintStream out, CommandSpec command) {
        out.println("Usage: " + programName + " " + command.synopsis());
        out.println();
        out.println(command.summary() + ".");
        if (!command.details().isEmpty()) {
            out.println();
            out.println(command.details());
        }
        if (!command.options().isEmpty()) {
            out.println();
            out.println("Options:");
            printOptions(out, command.options());
        }
        out.println();
        out.println("Global options:");
        printOptions(out, globalOptions);
    }

    private static void printOptions(PrintStream out, List<OptionSpec> options) {
        int width = 0;
        for (OptionSpec option : options) {
            width = Math.max(width, option.synopsis().length());
        }
        for (OptionSpec option : options) {
            out.println("  " + pad(option.synopsis(), width) + "  " + option.description());
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
