package dev.cairn.benchmarks;

import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.generated.CompiledScripts;
import dev.cairn.runtime.generated.GeneratedMigrations;
import dev.cairn.runtime.generated.MigrationFactory;
import dev.cairn.runtime.internal.sql.CompiledScriptCheck;
import dev.cairn.runtime.internal.sql.SqlScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * What the stale-registry check (issue 12 §1) adds to every start of an application with SQL
 * migrations: listing the script folder and comparing each of N scripts with its compile-time stamp
 * (size and CRC-32: from the jar's central directory, or of the file's bytes; issue 18), with the
 * scripts in a class-path directory or in a jar. Each figure is taken in a
 * fresh JVM, as a start-up pays it: the one-time setup any first check pays (a one-script registry
 * checked first: class loading, the logger, CRC-32, the URL and jar handlers), then the first check
 * of the N scripts (cold code, opening the jar) and the median of 20 more (warm). The registry is
 * built like the generated one (descriptors through {@code GeneratedMigrations}, with stamps,
 * resources through a class loader); the scripts are 4 short
 * statements each, about 250 bytes.
 *
 * <pre>{@code
 * # the table of docs/benchmarks.md, "Stale-registry check": fresh JVMs, 5 runs per cell
 * java -cp benchmarks/target/classes:runtime/target/classes dev.cairn.benchmarks.StaleCheckCost --table /tmp/stale 5
 * # one measurement
 * java -cp ... dev.cairn.benchmarks.StaleCheckCost 1000 jar /tmp/stale
 * }</pre>
 */
public final class StaleCheckCost {

    private static final String FOLDER = "db/migration";
    private static final int WARM_CALLS = 20;
    /** The compile-time checksums, as literals in a generated registry: computed before any timing. */
    private static String[] checksums;
    /** The scripts' resource names, also literals in a generated registry (String.format is slow cold). */
    private static String[] names;
    /** The compile-time stamps (size and CRC-32), also literals in a generated registry. */
    private static long[] stamps;

    private StaleCheckCost() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--table")) {
            table(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int n = Integer.parseInt(args[0]);
        boolean jar = args[1].equals("jar");
        Path work = Path.of(args[2]);
        URL one = scripts(work, 1, jar);
        URL root = scripts(work, n, jar);
        checksums = new String[n + 1];
        names = new String[n + 1];
        stamps = new long[n + 1];
        for (int i = 1; i <= n; i++) {
            checksums[i] = SqlScript.checksum(script(i));
            names[i] = FOLDER + "/" + name(i);
            stamps[i] = SqlScript.stamp(script(i).getBytes(StandardCharsets.UTF_8));
        }
        // First a registry of one script elsewhere: what any first check pays whatever N is (loading
        // the check's classes, the logger, CRC-32, the URL and jar handlers). Much of it an
        // application's start-up pays anyway.
        long setup;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {one}, null)) {
            long start = System.nanoTime();
            CompiledScriptCheck.check(new ScriptRegistry(loader, 1));
            setup = System.nanoTime() - start;
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root}, null)) {
            long start = System.nanoTime();
            CompiledScriptCheck.check(new ScriptRegistry(loader, n));
            long cold = System.nanoTime() - start;
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i < WARM_CALLS; i++) {
                long call = System.nanoTime();
                CompiledScriptCheck.check(new ScriptRegistry(loader, n));
                warm.add(System.nanoTime() - call);
            }
            System.out.println("check-setup-ns=" + setup);
            System.out.println("check-cold-ns=" + cold);
            System.out.println("check-warm-ns=" + Math.round(Summary.of(warm).median()));
        }
    }

    /** Fresh JVMs, {@code runs} per cell after one warm-up run; prints a Markdown table. */
    private static void table(Path work, int runs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        StringBuilder out = new StringBuilder("| N | scripts in | one-time setup (any N), ms | first check of N"
                + " scripts, ms | a later check, ms |\n|---:|---|---:|---:|---:|\n");
        for (int n : new int[] {100, 1_000, 10_000}) {
            for (String packaging : new String[] {"directory", "jar"}) {
                List<Long> setup = new ArrayList<>();
                List<Long> cold = new ArrayList<>();
                List<Long> warm = new ArrayList<>();
                for (int run = 0; run <= runs; run++) {
                    Process process = new ProcessBuilder(java, "-cp", classpath, StaleCheckCost.class.getName(),
                            Integer.toString(n), packaging, work.toString()).redirectErrorStream(true).start();
                    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (process.waitFor() != 0) {
                        throw new IllegalStateException(output);
                    }
                    if (run == 0) {
                        continue;
                    }
                    for (String line : output.split("\n")) {
                        if (line.startsWith("check-setup-ns=")) {
                            setup.add(Long.parseLong(line.substring(line.indexOf('=') + 1).trim()));
                        } else if (line.startsWith("check-cold-ns=")) {
                            cold.add(Long.parseLong(line.substring(line.indexOf('=') + 1).trim()));
                        } else if (line.startsWith("check-warm-ns=")) {
                            warm.add(Long.parseLong(line.substring(line.indexOf('=') + 1).trim()));
                        }
                    }
                }
                out.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s |%n", n, packaging,
                        ms(Summary.of(setup)), ms(Summary.of(cold)), ms(Summary.of(warm))));
            }
        }
        System.out.print(out);
    }

    private static String ms(Summary summary) {
        return Results.format(summary.median() / 1e6) + " [" + Results.format(summary.min() / 1e6) + " - "
                + Results.format(summary.max() / 1e6) + "]";
    }

    private static String script(int version) {
        return "-- migration " + version + "\n"
                + "CREATE TABLE t_" + version + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT);\n"
                + "CREATE INDEX t_" + version + "_name ON t_" + version + " (name);\n"
                + "INSERT INTO t_" + version + " (name, note) VALUES ('first', 'written by the benchmark');\n"
                + "UPDATE t_" + version + " SET note = 'checked' WHERE name = 'first';\n";
    }

    private static String name(int version) {
        return String.format(Locale.ROOT, "V%d__create_table_%d.sql", version, version);
    }

    /** The N scripts under {@code work}, as a class-path directory or a jar (written once per N). */
    private static URL scripts(Path work, int n, boolean jar) throws IOException {
        Path directory = work.resolve("dir-" + n);
        Path jarFile = work.resolve("scripts-" + n + ".jar");
        if (!jar && !Files.isDirectory(directory.resolve(FOLDER))) {
            Path folder = Files.createDirectories(directory.resolve(FOLDER));
            for (int i = 1; i <= n; i++) {
                Files.writeString(folder.resolve(name(i)), script(i));
            }
        }
        if (jar && !Files.exists(jarFile)) {
            Files.createDirectories(work);
            try (OutputStream file = Files.newOutputStream(jarFile); JarOutputStream out = new JarOutputStream(file)) {
                for (int i = 1; i <= n; i++) {
                    out.putNextEntry(new JarEntry(FOLDER + "/" + name(i)));
                    out.write(script(i).getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
        }
        return URI.create((jar ? jarFile : directory).toUri() + "").toURL();
    }

    /** A registry of N scripts in {@code db/migration}, 1 &lt;- 2 &lt;- ... , shaped like the generated one. */
    private static final class ScriptRegistry implements Registry, MigrationFactory, CompiledScripts {

        private final ClassLoader loader;
        private final int n;

        ScriptRegistry(ClassLoader loader, int n) {
            this.loader = loader;
            this.n = n;
        }

        @Override
        public List<MigrationDescriptor> migrations() {
            List<MigrationDescriptor> all = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                all.add(GeneratedMigrations.sqlMigration(i, "Create table", i == 1 ? new long[0] : new long[] {i - 1},
                        names[i], true, false, checksums[i], this, i - 1));
            }
            return Collections.unmodifiableList(all);
        }

        @Override
        public JavaMigration create(int index) {
            int version = index + 1;
            return GeneratedMigrations.sqlScript(this, names[version], checksums[version], null, null,
                    stamps[version], -1);
        }

        @Override
        public List<String> scriptFolders() {
            return List.of(FOLDER);
        }

        @Override
        public URL resource(String name) {
            return loader.getResource(name);
        }

        @Override
        public InputStream open(String name) {
            return loader.getResourceAsStream(name);
        }
    }
}
