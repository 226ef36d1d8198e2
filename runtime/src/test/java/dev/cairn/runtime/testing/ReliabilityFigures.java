package dev.cairn.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one reliability suite (trials, kills per phase, processes, rounds, failures):
 * printed as one line {@code reliability: <suite> key=value ...} on stdout, so the CI log shows
 * them, written to {@code target/reliability/<suite>.properties} for the report, and appended to
 * {@code target/reliability/summary.txt} (surefire redirects test output to files, so {@code .ci/run}
 * shows that file).
 *
 * <pre>{@code
 * ReliabilityFigures figures = new ReliabilityFigures("crash sqlite-file");
 * figures.add("trials", 1);
 * figures.add("killed.phase.data", 1);
 * figures.publish();
 * }</pre>
 */
public final class ReliabilityFigures {

    private final String suite;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public ReliabilityFigures(String suite) {
        this.suite = suite;
        values.put("level", ReliabilityLevel.name());
        values.put("seed", ReliabilityLevel.seed());
    }

    /** Adds {@code amount} to a counter (created at 0). */
    public synchronized ReliabilityFigures add(String key, long amount) {
        Object old = values.get(key);
        values.put(key, (old instanceof Long ? (Long) old : 0L) + amount);
        return this;
    }

    /** Sets a value. */
    public synchronized ReliabilityFigures set(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** A counter's value, 0 if never added. */
    public synchronized long get(String key) {
        Object value = values.get(key);
        return value instanceof Long ? (Long) value : 0L;
    }

    /** Prints the summary line and writes the properties file. */
    public synchronized void publish() {
        StringBuilder line = new StringBuilder("reliability: ").append(suite);
        Map<String, Object> sorted = new LinkedHashMap<>();
        sorted.put("level", values.get("level"));
        sorted.put("seed", values.get("seed"));
        sorted.putAll(new TreeMap<>(values));
        sorted.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        System.out.println(line);
        Path directory = Paths.get("target", "reliability");
        try {
            Files.createDirectories(directory);
            try (Writer out = Files.newBufferedWriter(directory.resolve(suite.replaceAll("[^A-Za-z0-9._-]", "-")
                    + ".properties"), StandardCharsets.UTF_8)) {
                out.write("# " + suite + ", " + Instant.now() + "\n");
                for (Map.Entry<String, Object> entry : sorted.entrySet()) {
                    out.write(entry.getKey() + "=" + entry.getValue() + "\n");
                }
            }
            // Surefire sends test output to files; this one file collects every suite's line for the CI log.
            Files.writeString(directory.resolve("summary.txt"), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
