package dev.cairn.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The jars the contenders need, and the commands that compile and package generated workloads.
 * Jars are found by name in the directory {@code mvn dependency:copy-dependencies} fills, so the
 * versions come from benchmarks/pom.xml and nowhere else.
 *
 * <pre>{@code
 * Toolchain tools = new Toolchain(Path.of("benchmarks/target/dependency"), processorPath);
 * List<String> command = tools.javacCommand(sources, classes, tools.compileClasspath(Contender.CAIRN), true);
 * }</pre>
 */
public final class Toolchain {

    private final Path dependencyDir;
    private final String processorPath;

    /**
     * @param dependencyDir the benchmarks module's runtime dependencies
     * @param processorPath the Cairn processor and its dependencies, as a class path string
     */
    public Toolchain(Path dependencyDir, String processorPath) {
        this.dependencyDir = dependencyDir;
        this.processorPath = processorPath;
    }

    /** The jar whose file name starts with {@code prefix} followed by a version. */
    public Path jar(String prefix) {
        return findJar(prefix).orElseThrow(() -> new IllegalStateException(
                "No " + prefix + "*.jar in " + dependencyDir + ": run benchmarks/run.sh, which copies the"
                        + " benchmarks module's dependencies there"));
    }

    /** The jar whose file name starts with {@code prefix} followed by a version, if present. */
    public Optional<Path> findJar(String prefix) {
        try (Stream<Path> files = Files.list(dependencyDir)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(".jar")
                        && Character.isDigit(name.charAt(prefix.length()));
            }).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dependencyDir, e);
        }
    }

    /** The version part of a jar found by {@link #jar}. */
    public String version(String prefix) {
        String name = jar(prefix).getFileName().toString();
        return name.substring(prefix.length(), name.length() - ".jar".length());
    }

    /** The jars a contender's program needs at run time, drivers included. */
    public List<Path> runtimeJars(Contender contender) {
        List<Path> jars = new ArrayList<>(driverJars());
        switch (contender.workload()) {
            case CAIRN, CAIRN_SQL -> jars.add(jar("cairn-runtime-"));
            case FLYWAY, FLYWAY_SQL -> jars.addAll(flywayJars());
            default -> { }
        }
        return jars;
    }

    /** flyway-core, its PostgreSQL support and their transitive dependencies (Jackson). */
    public List<Path> flywayJars() {
        try (Stream<Path> files = Files.list(dependencyDir)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith("flyway-") || name.startsWith("jackson-");
            }).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dependencyDir, e);
        }
    }

    /** The JDBC drivers every contender gets, identically. */
    public List<Path> driverJars() {
        List<Path> jars = new ArrayList<>();
        jars.add(jar("sqlite-jdbc-"));
        jars.add(jar("postgresql-"));
        jars.add(jar("mariadb-java-client-"));
        findJar("checker-qual-").ifPresent(jars::add);
        return jars;
    }

    /** What compiling a contender's workload needs on the class path. */
    public List<Path> compileJars(Contender contender) {
        List<Path> jars = new ArrayList<>(runtimeJars(contender));
        if (contender == Contender.CAIRN || contender == Contender.CAIRN_SQL) {
            jars.add(jar("cairn-annotations-"));
        }
        return jars;
    }

    /** The Cairn processor path, as given by run.sh. */
    public String processorPath() {
        return processorPath;
    }

    /**
     * A javac command for every {@code .java} file under {@code sourceRoot}. Sources go through an
     * argument file: 10,000 paths do not fit on a command line.
     */
    public List<String> javacCommand(Path sourceRoot, Path classes, List<Path> classpath, CompileMode mode) {
        Path argFile = classes.resolveSibling(classes.getFileName() + "-sources.txt");
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            List<String> sources = walk.filter(file -> file.toString().endsWith(".java"))
                    .map(Path::toString).sorted().collect(Collectors.toList());
            deleteRecursively(classes);
            Files.createDirectories(classes);
            Files.write(argFile, sources);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the compilation of " + sourceRoot, e);
        }
        List<String> command = new ArrayList<>(List.of(
                javaTool("javac"), "--release", "17", "-nowarn", "-d", classes.toString(),
                "-cp", joinPaths(classpath)));
        switch (mode) {
            case WITHOUT_PROCESSOR -> command.add("-proc:none");
            case CAIRN_PROCESSOR -> command.addAll(List.of("-processorpath", processorPath));
            default -> command.addAll(List.of(
                    "-processorpath", codeSource(mode.controlProcessor()),
                    "-processor", mode.controlProcessor().getName()));
        }
        command.add("@" + argFile);
        return command;
    }

    /** The same command with the Cairn processor ({@code true}) or with {@code -proc:none}. */
    public List<String> javacCommand(Path sourceRoot, Path classes, List<Path> classpath, boolean withProcessor) {
        return javacCommand(sourceRoot, classes, classpath,
                withProcessor ? CompileMode.CAIRN_PROCESSOR : CompileMode.WITHOUT_PROCESSOR);
    }

    /** The directory or jar this suite's class was loaded from: the control processors' path. */
    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("Cannot locate " + type.getName() + " on disk", e);
        }
    }

    /** Packages {@code classes} into {@code jarFile} with the JDK's jar tool, in this JVM. */
    public void jar(Path classes, Path jarFile) {
        ToolProvider jarTool = ToolProvider.findFirst("jar")
                .orElseThrow(() -> new IllegalStateException("This JDK has no jar tool; run the benchmarks on a JDK"));
        StringWriter output = new StringWriter();
        try {
            Files.deleteIfExists(jarFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot replace " + jarFile, e);
        }
        int exit = jarTool.run(new PrintWriter(output), new PrintWriter(output),
                "--create", "--file", jarFile.toString(), "-C", classes.toString(), ".");
        if (exit != 0) {
            throw new IllegalStateException("jar failed for " + classes + ": " + output);
        }
    }

    /** A java command running {@code mainClass} with default JVM settings, as an application would. */
    public List<String> javaCommand(List<Path> classpath, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(javaTool("java"), "-cp", joinPaths(classpath), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** A tool of the JDK running this harness, so that every figure uses one JDK. */
    public static String javaTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    static String joinPaths(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** Copies every file under {@code from} to the same relative path under {@code to}; nothing if absent. */
    static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(path);
            }
        }
    }
}
