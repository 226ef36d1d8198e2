package dev.cairn.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a tool adds to an application's class path: its own jar and its transitive dependencies
 * (JDBC drivers excluded, every contender needs the same ones).
 *
 * <pre>{@code
 * Footprint.of("Flyway", "11.17.0", flywayCore, jackson);
 * }</pre>
 *
 * @param tool the contender's name
 * @param version the tool's version
 * @param jarBytes size of the tool's main jar
 * @param dependencies the names of its dependency jars
 * @param totalBytes main jar plus dependencies
 */
public record Footprint(String tool, String version, long jarBytes, List<String> dependencies, long totalBytes) {

    /** Measures {@code mainJar} and {@code dependencies} on disk. */
    public static Footprint of(String tool, String version, Path mainJar, List<Path> dependencies) {
        long total = size(mainJar);
        for (Path dependency : dependencies) {
            total += size(dependency);
        }
        return new Footprint(tool, version, size(mainJar),
                dependencies.stream().map(path -> path.getFileName().toString()).sorted().toList(), total);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot measure " + file, e);
        }
    }
}
