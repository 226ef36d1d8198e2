package dev.cairn.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * B5's rows for every published Cairn artifact (issue 18, target 4): its jar as the build made it
 * and what it brings onto the class path, read from the module's {@code target/dependency-tree.txt}
 * ({@code mvn dependency:tree -Dscope=runtime}, written by run.sh) with optional dependencies and
 * everything below them left out, as a consumer's build leaves them out. The jars are measured in
 * the module's {@code target/dependency} (run.sh copies them there).
 *
 * <pre>{@code
 * List<Footprint> rows = CairnArtifacts.footprints(Path.of("."));
 * }</pre>
 */
final class CairnArtifacts {

    /** Module directory, artifact, and where the artifact goes in an application. */
    private static final String[][] MODULES = {
        {"annotations", "cairn-annotations", "compile only"},
        {"runtime", "cairn-runtime", "run time"},
        {"cli", "cairn-cli", "run time, if main calls Cli.run"},
        {"testing", "cairn-testing", "test scope"},
        {"spring-boot-starter", "cairn-spring-boot-starter", "run time, Spring Boot applications"},
        {"processor", "cairn-processor", "build time only (processor path)"},
    };

    /** Dependencies an application of this kind already has: listed by group, not added to the total. */
    private static final String SPRING_GROUPS = "org.springframework";

    private CairnArtifacts() {
    }

    /** One row per artifact; modules that were not built are skipped. */
    static List<Footprint> footprints(Path projectRoot) {
        List<Footprint> rows = new ArrayList<>();
        for (String[] module : MODULES) {
            Path target = projectRoot.resolve(module[0]).resolve("target");
            Path jar = mainJar(target, module[1]);
            if (jar == null) {
                continue;
            }
            String name = jar.getFileName().toString();
            String version = name.substring(module[1].length() + 1, name.length() - ".jar".length());
            List<Path> dependencies = new ArrayList<>();
            List<String> provided = new ArrayList<>();
            for (String[] artifact : requiredArtifacts(target.resolve("dependency-tree.txt"))) {
                String file = artifact[1] + "-" + artifact[2] + ".jar";
                if (artifact[0].startsWith(SPRING_GROUPS)) {
                    provided.add(artifact[1]);
                    continue;
                }
                Path copy = target.resolve("dependency").resolve(file);
                if (Files.exists(copy)) {
                    dependencies.add(copy);
                }
            }
            String where = provided.isEmpty() ? module[2]
                    : module[2] + "; Spring Boot's own " + provided.size() + " jars, which the application has,"
                            + " are not counted";
            rows.add(Footprint.of("Cairn (" + module[1] + "; " + where + ")", version, jar, dependencies));
        }
        return rows;
    }

    private static Path mainJar(Path target, String artifact) {
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(artifact + "-") && name.endsWith(".jar")
                        && Character.isDigit(name.charAt(artifact.length() + 1))
                        && !name.endsWith("-tests.jar") && !name.endsWith("-sources.jar")
                        && !name.endsWith("-javadoc.jar");
            }).findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + target, e);
        }
    }

    /**
     * {groupId, artifactId, version} of every dependency in a {@code dependency:tree} text output,
     * without optional ones and what is below them. Empty when the file is missing.
     */
    static List<String[]> requiredArtifacts(Path tree) {
        if (!Files.exists(tree)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + tree, e);
        }
        List<String[]> artifacts = new ArrayList<>();
        int skipBelow = Integer.MAX_VALUE;
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            int depth = 0;
            while (depth < line.length() && "|+-\\ ".indexOf(line.charAt(depth)) >= 0) {
                depth++;
            }
            if (depth > skipBelow) {
                continue;
            }
            skipBelow = Integer.MAX_VALUE;
            if (line.endsWith("(optional)")) {
                skipBelow = depth;
                continue;
            }
            String[] coordinates = line.substring(depth).trim().split(":");
            // group:artifact:type[:classifier]:version:scope
            if (coordinates.length >= 5) {
                artifacts.add(new String[] {coordinates[0], coordinates[1], coordinates[coordinates.length - 2]});
            }
        }
        return artifacts.stream().collect(Collectors.toList());
    }
}
