package dev.cairn.sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code cairn-sample.jar} in a child JVM, the way an operator does, in a given
 * working directory (where the default SQLite file lands), and captures its output and status.
 */
final class SampleJar {
    private final Path workingDirectory;
    private final Map<String, String> environment;

    SampleJar(Path workingDirectory) {
        this(workingDirectory, Map.of());
    }

    SampleJar(Path workingDirectory, Map<String, String> environment) {
        this.workingDirectory = workingDirectory;
        this.environment = environment;
    }

    static Path jar() {
        String location = System.getProperty("cairn.sample.jar", "target/cairn-sample.jar");
        Path jar = Paths.get(location).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "run the tests with 'mvn verify' so the jar is packaged first: " + jar);
        return jar;
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cairn-out", ".txt");
        Path err = Files.createTempFile("cairn-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("CAIRN_PASSWORD");
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("cairn-sample.jar " + String.join(" ", args) + " did not finish in 2 minutes");
            }
            return new Result(String.join(" ", args), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** What one run printed and returned. */
    static final class Result {
        final String command;
        final int status;
        final String out;
        final String err;

        Result(String command, int status, String out, String err) {
            this.command = command;
            this.status = status;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "$ java -jar cairn-sample.jar " + command + "\nexit " + status + "\n--- stdout ---\n" + out
                    + "--- stderr ---\n" + err;
        }
    }
}
