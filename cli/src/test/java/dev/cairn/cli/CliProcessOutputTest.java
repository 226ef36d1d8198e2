package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as an operator runs it, in a process of its own through {@link Cli#run}: a failed
 * migration is reported once, and stack traces appear only with {@code --verbose} (issue 12 §4:
 * the engine logged the trace at SEVERE, then the CLI said "Run again with --verbose").
 */
class CliProcessOutputTest {

    @TempDir
    Path directory;

    /** The application's main: a registry whose second migration fails. */
    public static final class FailingApplication {
        public static void main(String[] args) {
            Cli.builder(new TestRegistry()
                            .sql(1, "Create a", "CREATE TABLE a (id INTEGER)", null)
                            .sql(2, "Fill b", "INSERT INTO no_such_table VALUES (1)", null, 1))
                    .programName("shop").build().run(args);
        }
    }

    @Test
    void aFailureIsPrintedOnceWithoutAStackTrace() throws Exception {
        Result result = run("migrate", "--url", "jdbc:sqlite:" + directory.resolve("app.db"));

        assertEquals(1, result.status, result.err);
        assertEquals(1, occurrences(result.err, "no such table: no_such_table"), result.err);
        assertFalse(result.err.contains("\tat "), "no stack trace without --verbose:\n" + result.err);
        assertTrue(result.err.contains("--verbose"), result.err);
    }

    @Test
    void verboseShowsTheStackTrace() throws Exception {
        Result result = run("migrate", "--verbose", "--url", "jdbc:sqlite:" + directory.resolve("app.db"));

        assertEquals(1, result.status, result.err);
        assertTrue(result.err.contains("\tat "), result.err);
    }

    /**
     * The PostgreSQL driver is on this module's test class path (the fleet's schema tests need it),
     * so the CLI runs in a JVM whose class path lacks it, as an application's without it would.
     */
    @Test
    void missingPostgresDriverNamesTheArtifactToAdd() throws Exception {
        String withoutDriver = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("postgresql-"))
                .collect(Collectors.joining(File.pathSeparator));

        Result result = runWithClassPath(withoutDriver, "info", "--url", "jdbc:postgresql://localhost:5432/shop");

        assertEquals(1, result.status, result.err);
        assertTrue(result.err.contains("org.postgresql:postgresql"), result.err);
        assertFalse(result.err.contains("reachable"), result.err);
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return runWithClassPath(System.getProperty("java.class.path"), args);
    }

    private Result runWithClassPath(String classPath, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath);
        command.add(FailingApplication.class.getName());
        command.addAll(List.of(args));
        Path err = directory.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the CLI process did not end");
        return new Result(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static final class Result {
        final int status;
        final String err;

        Result(int status, String err) {
            this.status = status;
            this.err = err;
        }
    }
}
