package dev.cairn.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a program in a fresh process and measures it from outside: wall time from start to exit,
 * peak resident memory through {@code /usr/bin/time}, and the in-process figure the program
 * prints as {@code in-process-ns=<nanos>}.
 *
 * <p>Output goes to a file rather than a pipe, so that no reader thread in the harness competes
 * with the measured process for the machine's two cores.
 *
 * <pre>{@code
 * Sample sample = new ProcessTimer().run(List.of("java", "-cp", cp, "bench.raw.RawMain", url, ""), log);
 * }</pre>
 */
public final class ProcessTimer {

    private static final String IN_PROCESS_PREFIX = "in-process-ns=";

    /** Runs {@code command} once; its output goes to {@code log}. Fails if the program fails. */
    public Sample run(List<String> command, Path log) {
        Path rssFile = log.resolveSibling(log.getFileName() + ".rss");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S %M", "-o", rssFile.toString()));
        timed.addAll(command);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(timed)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            int exit = process.waitFor();
            long wall = System.nanoTime() - start;
            if (exit != 0) {
                throw new IllegalStateException("Benchmark program failed with exit code " + exit + ": "
                        + String.join(" ", command) + "\n--- last lines of " + log + " ---\n" + tail(log));
            }
            String[] times = lastLine(rssFile).split(" ");
            long cpuNanos = Math.round((Double.parseDouble(times[0]) + Double.parseDouble(times[1])) * 1e9);
            return new Sample(wall, inProcessNanos(log), Long.parseLong(times[2]), cpuNanos);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    private static long inProcessNanos(Path log) throws IOException {
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith(IN_PROCESS_PREFIX)) {
                return Long.parseLong(line.substring(IN_PROCESS_PREFIX.length()).trim());
            }
        }
        return -1;
    }

    /** "user system peak-RSS": /usr/bin/time writes them on the last line, after any "Command exited" notice. */
    private static String lastLine(Path rssFile) throws IOException {
        List<String> lines = Files.readAllLines(rssFile);
        return lines.get(lines.size() - 1).trim();
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
