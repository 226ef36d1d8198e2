package dev.cairn.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine, JVM and versions a run measured, printed next to its figures: numbers from
 * another machine or another JDK are not comparable.
 *
 * <pre>{@code
 * Environment environment = Environment.detect();
 * environment.put("Flyway", "11.17.0");
 * }</pre>
 */
public final class Environment {

    private final Map<String, String> facts = new LinkedHashMap<>();

    /** The machine and the JVM running the harness (the contenders run on the same JVM). */
    public static Environment detect() {
        Environment environment = new Environment();
        environment.put("Date (UTC)", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        environment.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.vendor") + ")");
        environment.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " " + System.getProperty("os.arch"));
        environment.put("CPUs (nproc)", Integer.toString(Runtime.getRuntime().availableProcessors()));
        environment.put("CPU model", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        environment.put("Memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
        return environment;
    }

    /** Records one fact; a later value for the same name replaces the earlier. */
    public void put(String name, String value) {
        facts.put(name, value);
    }

    /** Every fact, in the order recorded. */
    public Map<String, String> facts() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown (" + file + " unreadable)";
        }
        return "unknown";
    }
}
