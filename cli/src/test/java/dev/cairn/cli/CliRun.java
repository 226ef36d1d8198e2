package dev.cairn.cli;

import dev.cairn.runtime.Registry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/** Runs the CLI in-process and captures what it printed and its exit status. */
final class CliRun {
    final int status;
    final String out;
    final String err;

    private CliRun(int status, String out, String err) {
        this.status = status;
        this.out = out;
        this.err = err;
    }

    static CliRun run(Registry registry, String... args) {
        return run(registry, null, Map.of(), null, args);
    }

    static CliRun withDefault(Registry registry, String defaultUrl, String... args) {
        return run(registry, defaultUrl, Map.of(), null, args);
    }

    /**
     * @param answers answers an interactive terminal gives, in order; {@code null} for no terminal
     */
    static CliRun run(Registry registry, String defaultUrl, Map<String, String> environment, Deque<String> answers,
            String... args) {
        return run(registry, defaultUrl, environment, answers, null, args);
    }

    /** Runs with relative paths ({@code new}'s default folders) resolved against {@code workingDirectory}. */
    static CliRun in(java.nio.file.Path workingDirectory, Registry registry, String... args) {
        return run(registry, null, Map.of(), null, workingDirectory, args);
    }

    private static CliRun run(Registry registry, String defaultUrl, Map<String, String> environment,
            Deque<String> answers, java.nio.file.Path workingDirectory, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli.Builder builder = Cli.builder(registry)
                .programName("shop")
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .environment(environment)
                .terminal(answers == null ? noTerminal() : terminal(answers));
        if (defaultUrl != null) {
            builder.defaultJdbcUrl(defaultUrl);
        }
        if (workingDirectory != null) {
            builder.workingDirectory(workingDirectory);
        }
        int status = builder.build().execute(args);
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Deque<String> answers(String... answers) {
        Deque<String> queue = new ArrayDeque<>();
        for (String answer : answers) {
            queue.add(answer);
        }
        return queue;
    }

    private static Terminal noTerminal() {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public String ask(String prompt) {
                throw new AssertionError("asked '" + prompt + "' without a terminal");
            }
        };
    }

    private static Terminal terminal(Deque<String> answers) {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String ask(String prompt) {
                return answers.poll();
            }
        };
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
