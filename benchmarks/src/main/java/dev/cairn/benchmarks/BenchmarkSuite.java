package dev.cairn.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs every benchmark of issue 5 and writes the results: B1 (start-up when up to date), B2
 * (applying pending migrations), B3 (B1 and B2 on PostgreSQL), B4 (javac with and without the
 * processor) and B5 (footprint). Started by {@code benchmarks/run.sh}, which builds the
 * project, copies the dependencies and starts PostgreSQL first.
 *
 * <p>Runs of the contenders are interleaved, round by round, so that a slow spell of the shared
 * machine hits every contender alike, and every ratio compares figures of the same run.
 *
 * <pre>{@code
 * java -cp ... dev.cairn.benchmarks.BenchmarkSuite --work=benchmarks/target/bench \
 *     --deps=benchmarks/target/dependency --processor-path=... --postgres=127.0.0.1:5433 \
 *     --results=benchmarks/results --plot=docs/benchmarks.svg [--quick]
 * }</pre>
 */
public final class BenchmarkSuite {

    private final Options options;
    private final Toolchain tools;
    private final ProcessTimer timer = new ProcessTimer();
    private final Results results = new Results();
    private final Environment environment = Environment.detect();
    private final Map<String, List<Path>> builtClasspaths = new HashMap<>();

    BenchmarkSuite(Options options) {
        this.options = options;
        this.tools = new Toolchain(options.deps(), options.processorPath());
    }

    public static void main(String[] args) throws Exception {
        new BenchmarkSuite(Options.parse(args)).runAll();
    }

    void runAll() throws Exception {
        recordVersions();
        if (options.upToDateOnly()) {
            upToDateRatioOnly();
            return;
        }
        List<DatabaseTarget> databases = new ArrayList<>();
        if (!options.mariadbOnly()) {
            databases.add(DatabaseTarget.sqlite(options.work().resolve("db")));
            options.postgres().ifPresent(hostAndPort -> {
                DatabaseTarget postgres = DatabaseTarget.postgres(hostAndPort, "postgres");
                environment.put("PostgreSQL server", postgresVersion(hostAndPort));
                databases.add(postgres);
            });
        }
        options.mariadb().ifPresent(hostAndPort -> {
            environment.put("MariaDB server", mariadbVersion(hostAndPort));
            environment.put("MariaDB Connector/J", tools.version("mariadb-java-client-"));
            databases.add(DatabaseTarget.mariadb(hostAndPort, "root"));
        });

        if (options.b2Only()) {
            // Issue 18, target 2: B2 alone on SQLite, for before/after figures of a runtime change.
            DatabaseTarget sqlite = DatabaseTarget.sqlite(options.work().resolve("db"));
            for (int n : options.applySizes()) {
                applyPending("B2", sqlite, n);
            }
            Files.createDirectories(options.results());
            this.results.writeCsv(options.results().resolve("results.csv"));
            Files.writeString(options.results().resolve("results.md"), new MarkdownReport(this.results, environment,
                    List.of(), options).renderOnly("B2", "SQLite", "B2: applying N pending migrations to a fresh SQLite file"));
            log("Results written to " + options.results());
            return;
        }
        if (options.scriptsOnly()) {
            for (DatabaseTarget database : databases) {
                scripts(database);
            }
            Files.createDirectories(options.results());
            this.results.writeCsv(options.results().resolve("results.csv"));
            String tables = new MarkdownReport(this.results, environment, List.of(), options).renderScripts();
            Files.writeString(options.results().resolve("results.md"), tables);
            if (options.doc() != null) {
                spliceIntoDoc(options.doc(), tables, "scripts");
            }
            log("Results written to " + options.results());
            return;
        }
        for (DatabaseTarget database : options.compileOnly() ? List.<DatabaseTarget>of() : databases) {
            String b1 = database instanceof DatabaseTarget.Sqlite ? "B1" : "B3-startup";
            // MariaDB: the two workloads issue 13 asks for, the no-op start and applying 1,000.
            boolean mariadb = database instanceof DatabaseTarget.MariaDb;
            for (int n : mariadb ? List.of(1_000) : options.startupSizes()) {
                startupWhenUpToDate(b1, database, n);
                if (database instanceof DatabaseTarget.Sqlite) {
                    countLoadedClasses(database, n);
                    if (options.contenders().contains(Contender.CAIRN)) {
                        cairnStartupPhases(database, n);
                    }
                }
                if (database instanceof DatabaseTarget.Sqlite && options.jmhSizes().contains(n)) {
                    warmUpToDateCheck(database, n);
                }
            }
            String b2 = database instanceof DatabaseTarget.Sqlite ? "B2" : "B3-apply";
            for (int n : mariadb ? List.of(1_000) : options.applySizes()) {
                applyPending(b2, database, n);
            }
            if (!mariadb) {
                scripts(database);
            }
        }
        if (options.mariadbOnly()) {
            Files.createDirectories(options.results());
            Files.writeString(options.results().resolve("results.md"),
                    new MarkdownReport(this.results, environment, List.of(), options).renderDatabase("MariaDB"));
            log("Results written to " + options.results());
            return;
        }
        for (int count : options.compileCounts()) {
            compileTime(count);
        }
        List<Footprint> footprints = footprints();

        Path results = options.results();
        Files.createDirectories(results);
        this.results.writeCsv(results.resolve("results.csv"));
        MarkdownReport report = new MarkdownReport(this.results, environment, footprints, options);
        String tables = report.render();
        if (!options.compileOnly()) {
            Files.writeString(results.resolve("results-scripts.md"),
                    new MarkdownReport(this.results, environment, footprints, options).renderScripts());
        }
        Files.writeString(results.resolve("results.md"), tables);
        if (options.doc() != null) {
            spliceIntoDoc(options.doc(), tables, options.compileOnly() ? "b4" : "results");
            if (!options.compileOnly()) {
                spliceIntoDoc(options.doc(), report.renderScripts(), "scripts");
            }
        }
        if (options.compileOnly()) {
            log("Results written to " + results);
            return;
        }
        Files.createDirectories(options.plot().toAbsolutePath().getParent());
        Files.writeString(options.plot(), new SvgPlot(this.results, options.contenders()).render("B1", "SQLite"));
        log("Results written to " + results + " and " + options.plot());
    }

    /**
     * The check every CI run makes (issue 18): B1 on SQLite at N = 1,000, Cairn against the raw-JDBC
     * floor, interleaved rounds, and the ratio of the medians printed for the log. It prints, it does
     * not fail: timings on a shared machine are noisy, so a regression is for a person to read.
     */
    private void upToDateRatioOnly() throws Exception {
        DatabaseTarget sqlite = DatabaseTarget.sqlite(options.work().resolve("db"));
        int n = 1_000;
        startupWhenUpToDate("B1", sqlite, n);
        Results.Row cairn = results.find("B1", sqlite.label(), Contender.CAIRN.label(), n, Results.Metric.WALL_MS)
                .orElseThrow();
        Results.Row floor = results.find("B1", sqlite.label(), Contender.RAW.label(), n, Results.Metric.WALL_MS)
                .orElseThrow();
        Files.createDirectories(options.results());
        String line = String.format(java.util.Locale.ROOT, "B1 (SQLite file, N=%d, up to date, whole process, %d runs "
                + "each, interleaved): Cairn median %.0f ms, raw-JDBC floor median %.0f ms, ratio %.2f (target <= "
                + "1.00; printed, not enforced)", n, cairn.summary().runs(), cairn.summary().median() / 1e6,
                floor.summary().median() / 1e6, cairn.summary().median() / floor.summary().median());
        Files.writeString(options.results().resolve("b1-ratio.txt"), line + "\n");
        System.out.println(line);
    }

    /**
     * Replaces the generated part of docs/benchmarks.md, between its two marker comments, so the
     * published tables are always exactly the last full run's; the discussion around them is prose.
     */
    private static void spliceIntoDoc(Path doc, String tables, String marker) throws IOException {
        String start = "<!-- " + marker + ":start -->";
        String end = "<!-- " + marker + ":end -->";
        String text = Files.readString(doc);
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(doc + " lacks the markers " + start + " and " + end
                    + " around the generated tables; add them where the tables belong");
        }
        // The report's own title would be a second top-level heading inside the doc: demote all.
        String demoted = tables.replace("\n## ", "\n### ").replace("# Benchmark results\n", "")
                .replace("# SQL script migrations\n", "");
        Files.writeString(doc, text.substring(0, from + start.length()) + "\n" + demoted + text.substring(to));
    }

    /** B1 and B3: a fresh JVM per run against a database that already has all N applied. */
    private void startupWhenUpToDate(String benchmark, DatabaseTarget database, int n) {
        Map<Contender, String> urls = new EnumMap<>(Contender.class);
        for (Contender contender : options.contenders()) {
            String url = database.reset(databaseName("b1", contender, n));
            log(benchmark + " " + database.label() + " N=" + n + ": " + contender.label() + " applies all first");
            Sample first = run(contender, n, url, database, "prepare");
            // One run only, but at sizes B2 does not cover it shows how applying scales.
            results.add("First apply", database.label(), contender.label(), n, Results.Metric.WALL_MS,
                    Summary.of(List.of(first.wallNanos())));
            urls.put(contender, url);
        }
        measureRounds(benchmark, database, n, List.copyOf(options.contenders()), contender -> urls.get(contender));
    }

    /**
     * B1 in a warm JVM, with JMH: the tool's own cost of finding the database up to date, without
     * JVM start-up and class loading. Reuses the databases B1 just migrated.
     */
    private void warmUpToDateCheck(DatabaseTarget database, int n) throws IOException {
        Path harnessClasses = harnessClasses();
        for (Contender contender : options.contenders()) {
            String url = urlOf(database, databaseName("b1", contender, n));
            List<Path> classpath = new ArrayList<>(List.of(harnessClasses,
                    tools.jar("jmh-core-"), tools.jar("jopt-simple-"), tools.jar("commons-math3-")));
            classpath.addAll(build(contender, n));
            Path resultFile = options.work().resolve("jmh/" + contender.id() + "-" + n + ".txt");
            Files.createDirectories(resultFile.getParent());
            String user = database.user().isEmpty() ? "-" : database.user();
            log("JMH " + database.label() + " N=" + n + ": " + contender.label());
            timer.run(tools.javaCommand(classpath, JmhUpToDate.class.getName(), contender.mainClass(), url, user,
                    resultFile.toString()), options.work().resolve("logs/jmh-" + contender.id() + "-" + n + ".log"));
            String[] fields = Files.readString(resultFile).trim().split(",");
            double score = Double.parseDouble(fields[0]);
            double error = Double.isNaN(Double.parseDouble(fields[1])) ? 0 : Double.parseDouble(fields[1]);
            // Stored in nanoseconds like every time figure; min and max hold the confidence interval.
            results.add("JMH", database.label(), contender.label(), n, Results.Metric.JMH_MS,
                    new Summary(score * 1e6, Math.round((score - error) * 1e6), Math.round((score + error) * 1e6), 5));
        }
    }

    /**
     * One extra, unmeasured B1 run per contender with {@code -Xlog:class+load}: how many classes
     * start-up costs explains most of the whole-process differences.
     */
    private void countLoadedClasses(DatabaseTarget database, int n) throws IOException {
        for (Contender contender : options.contenders()) {
            String url = urlOf(database, databaseName("b1", contender, n));
            Path classLog = options.work().resolve("classload/" + contender.id() + "-" + n + ".txt");
            Files.createDirectories(classLog.getParent());
            Files.deleteIfExists(classLog);
            List<String> command = tools.javaCommand(build(contender, n), contender.mainClass(), url, database.user());
            command.add(1, "-Xlog:class+load=info:file=" + classLog);
            timer.run(command, options.work().resolve("logs/classload-" + contender.id() + "-" + n + ".log"));
            long count;
            try (Stream<String> lines = Files.lines(classLog)) {
                count = lines.filter(line -> line.contains(" source: ")).count();
            }
            results.add("Classes", database.label(), contender.label(), n, Results.Metric.CLASSES_LOADED,
                    new Summary(count, count, count, 1));
        }
    }

    /** Where Cairn's B1 start-up goes, phase by phase: median of the measured runs, unmeasured by B1. */
    private void cairnStartupPhases(DatabaseTarget database, int n) throws IOException {
        String url = urlOf(database, databaseName("b1", Contender.CAIRN, n));
        List<Path> classpath = new ArrayList<>(build(Contender.CAIRN, n));
        classpath.add(harnessClasses());
        Map<String, List<Long>> phases = new java.util.TreeMap<>();
        for (int round = 0; round <= options.runs(); round++) {
            Path log = options.work().resolve("logs/phases-cairn-" + n + "-" + round + ".log");
            timer.run(tools.javaCommand(classpath, CairnStartupPhases.class.getName(), url), log);
            if (round == 0) {
                continue;
            }
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("phase-")) {
                    String name = line.substring("phase-".length(), line.indexOf("-ns="));
                    phases.computeIfAbsent(name, key -> new ArrayList<>())
                            .add(Long.parseLong(line.substring(line.indexOf('=') + 1).trim()));
                }
            }
        }
        for (Map.Entry<String, List<Long>> phase : phases.entrySet()) {
            results.add("Phases", database.label(), "Cairn " + phase.getKey(), n, Results.Metric.IN_PROCESS_MS,
                    Summary.of(phase.getValue()));
        }
    }

    private static Path harnessClasses() {
        return Path.of(URI.create(BenchmarkSuite.class.getProtectionDomain().getCodeSource().getLocation().toString()));
    }

    /** The URL of an existing database, without resetting it. */
    private static String urlOf(DatabaseTarget database, String name) {
        if (database instanceof DatabaseTarget.Sqlite sqlite) {
            return "jdbc:sqlite:" + sqlite.directory().toAbsolutePath().resolve(name + ".db");
        }
        throw new IllegalArgumentException("JMH figures are taken on SQLite only");
    }

    /** B2 and B3: a fresh JVM per run applying all N migrations to an empty database. */
    private void applyPending(String benchmark, DatabaseTarget database, int n) {
        List<Contender> contenders = new ArrayList<>(options.contenders());
        if (database instanceof DatabaseTarget.Sqlite && contenders.contains(Contender.RAW)) {
            // Cairn commits a SQLite run once; compare it with a floor that does the same, too.
            contenders.add(Contender.RAW_ONE_TX);
        }
        measureRounds(benchmark, database, n, contenders,
                contender -> database.reset(databaseName("b2", contender, n)));
    }

    /**
     * Issue 18, target 3: the N-script workload (the same two statements per migration, as SQL
     * scripts) for Cairn, Cairn without its stale-registry check (the check's share, measured in the
     * same rounds), Flyway's SQL migrations and the scripts floor: up to date (S1, like B1) and
     * applying all N to an empty database (S2, like B2). On SQLite, also Cairn's start-up phase by
     * phase, with the stale-registry check timed on its own.
     */
    private void scripts(DatabaseTarget database) throws IOException {
        List<Contender> contenders = Contender.scriptsFor(options.contenders());
        if (contenders.isEmpty()) {
            return;
        }
        for (int n : options.scriptSizes()) {
            Map<Contender, String> urls = new EnumMap<>(Contender.class);
            for (Contender contender : contenders) {
                String url = database.reset(databaseName("s1", contender, n));
                log("S1 " + database.label() + " N=" + n + ": " + contender.label() + " applies all first");
                run(contender, n, url, database, "prepare");
                urls.put(contender, url);
            }
            measureRounds("S1", database, n, contenders, urls::get);
            if (database instanceof DatabaseTarget.Sqlite && contenders.contains(Contender.CAIRN_SQL)) {
                scriptsStartupPhases(urls.get(Contender.CAIRN_SQL), database, n);
            }
        }
        for (int n : options.scriptSizes()) {
            measureRounds("S2", database, n, contenders, contender -> database.reset(databaseName("s2", contender, n)));
        }
    }

    /** Cairn's up-to-date start on the script workload, phase by phase, the stale check on its own. */
    private void scriptsStartupPhases(String url, DatabaseTarget database, int n) throws IOException {
        List<Path> classpath = new ArrayList<>(build(Contender.CAIRN_SQL, n));
        classpath.add(harnessClasses());
        Map<String, List<Long>> phases = new java.util.TreeMap<>();
        for (int round = 0; round <= options.runs(); round++) {
            Path log = options.work().resolve("logs/phases-cairn-sql-" + n + "-" + round + ".log");
            timer.run(tools.javaCommand(classpath, CairnStartupPhases.class.getName(), url,
                    "bench.cairnsql.MigrationRegistry"), log);
            if (round == 0) {
                continue;
            }
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("phase-")) {
                    String name = line.substring("phase-".length(), line.indexOf("-ns="));
                    phases.computeIfAbsent(name, key -> new ArrayList<>())
                            .add(Long.parseLong(line.substring(line.indexOf('=') + 1).trim()));
                }
            }
        }
        for (Map.Entry<String, List<Long>> phase : phases.entrySet()) {
            results.add("S1-phases", database.label(), "Cairn " + phase.getKey(), n, Results.Metric.IN_PROCESS_MS,
                    Summary.of(phase.getValue()));
        }
    }

    private void measureRounds(String benchmark, DatabaseTarget database, int n, List<Contender> contenders,
            java.util.function.Function<Contender, String> urlForRun) {
        Map<Contender, List<Sample>> samples = new EnumMap<>(Contender.class);
        List<Contender> order = new ArrayList<>(contenders);
        for (int round = 0; round <= options.runs(); round++) {
            boolean warmUp = round == 0;
            for (Contender contender : order) {
                String url = urlForRun.apply(contender);
                Sample sample = run(contender, n, url, database, benchmark + "-" + round);
                if (!warmUp) {
                    samples.computeIfAbsent(contender, key -> new ArrayList<>()).add(sample);
                }
            }
            // Rotate so that no contender always runs right after the same neighbour.
            order.add(order.remove(0));
        }
        for (Map.Entry<Contender, List<Sample>> entry : samples.entrySet()) {
            List<Sample> runs = entry.getValue();
            String subject = entry.getKey().label();
            results.add(benchmark, database.label(), subject, n, Results.Metric.WALL_MS,
                    Summary.of(runs.stream().map(Sample::wallNanos).toList()));
            results.add(benchmark, database.label(), subject, n, Results.Metric.IN_PROCESS_MS,
                    Summary.of(runs.stream().map(Sample::inProcessNanos).toList()));
            results.add(benchmark, database.label(), subject, n, Results.Metric.PEAK_RSS_MB,
                    Summary.of(runs.stream().map(Sample::peakRssKb).toList()));
            results.add(benchmark, database.label(), subject, n, Results.Metric.CPU_MS,
                    Summary.of(runs.stream().map(Sample::cpuNanos).toList()));
            log(benchmark + " " + database.label() + " N=" + n + " " + subject + ": median "
                    + Results.format(Summary.of(runs.stream().map(Sample::wallNanos).toList()).median() / 1e6)
                    + " ms wall");
        }
    }

    private Sample run(Contender contender, int n, String url, DatabaseTarget database, String what) {
        List<Path> classpath = build(contender, n);
        List<String> command = tools.javaCommand(classpath, contender.mainClass(), url, database.user());
        if (!contender.mode().isEmpty()) {
            command.add(contender.mode());
        }
        Path log = options.work().resolve("logs")
                .resolve(database.label() + "-" + contender.id() + "-" + n + "-" + what + ".log");
        return timer.run(command, log);
    }

    /**
     * B4: javac on N Cairn migrations, without any processor, with the two control processors and
     * with Cairn's, interleaved round by round with the order rotated.
     */
    private void compileTime(int count) {
        Path sources = options.work().resolve("gen/b4-cairn-" + count);
        try {
            Toolchain.deleteRecursively(sources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new WorkloadGenerator(count).writeCairnMigrationsOnly(sources);
        List<Path> classpath = tools.compileJars(Contender.CAIRN);
        CompileMode[] modes = CompileMode.values();
        Map<CompileMode, List<Long>> times = new EnumMap<>(CompileMode.class);
        Map<CompileMode, List<Long>> cpu = new EnumMap<>(CompileMode.class);
        for (int round = 0; round <= options.runs(); round++) {
            for (int i = 0; i < modes.length; i++) {
                CompileMode mode = modes[(i + round) % modes.length];
                Path classes = options.work().resolve("b4-classes-" + mode.name().toLowerCase(Locale.ROOT));
                List<String> command = tools.javacCommand(sources, classes, classpath, mode);
                Path log = options.work().resolve("logs/b4-" + mode.name().toLowerCase(Locale.ROOT) + "-" + round + ".log");
                Sample sample = timer.run(command, log);
                if (round > 0) {
                    times.computeIfAbsent(mode, key -> new ArrayList<>()).add(sample.wallNanos());
                    cpu.computeIfAbsent(mode, key -> new ArrayList<>()).add(sample.cpuNanos());
                }
            }
        }
        for (CompileMode mode : modes) {
            results.add("B4", "-", mode.resultLabel(), count, Results.Metric.WALL_MS, Summary.of(times.get(mode)));
            results.add("B4", "-", mode.resultLabel(), count, Results.Metric.CPU_MS, Summary.of(cpu.get(mode)));
        }
        log("B4 N=" + count + " done");
    }

    /** Generates, compiles and jars a contender's workload once per size; returns its class path. */
    private List<Path> build(Contender variant, int n) {
        Contender contender = variant.workload();
        String key = contender.id() + "-" + n;
        List<Path> cached = builtClasspaths.get(key);
        if (cached != null) {
            return cached;
        }
        log("Generating and compiling " + contender.label() + " with N=" + n);
        Path root = options.work().resolve("gen").resolve(key);
        Path sources = root.resolve("src");
        Path classes = root.resolve("classes");
        Path jar = root.resolve(key + ".jar");
        try {
            Path resources = root.resolve("resources");
            Toolchain.deleteRecursively(root);
            new WorkloadGenerator(n).write(contender, sources, resources);
            boolean cairn = contender == Contender.CAIRN || contender == Contender.CAIRN_SQL;
            List<String> javac = tools.javacCommand(sources, classes, tools.compileJars(contender), cairn);
            if (contender == Contender.CAIRN_SQL) {
                // As Gradle users do: the processor reads the scripts from the resource folder.
                javac.add(javac.size() - 1, "-Acairn.resourceDirs=" + resources);
            }
            timer.run(javac, root.resolve("javac.log"));
            Toolchain.copyTree(resources, classes);
            tools.jar(classes, jar);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the " + contender.label() + " workload of " + n, e);
        }
        List<Path> classpath = new ArrayList<>();
        classpath.add(jar);
        classpath.addAll(tools.runtimeJars(contender));
        builtClasspaths.put(key, classpath);
        return classpath;
    }

    private List<Footprint> footprints() throws IOException {
        List<Footprint> footprints = new ArrayList<>();
        // Every published artifact (issue 18), read from the modules' own target directories.
        List<Footprint> cairn = options.cairnRuntimeDeps() == null ? List.of()
                : CairnArtifacts.footprints(options.cairnRuntimeDeps().toAbsolutePath().getParent().getParent().getParent());
        if (cairn.isEmpty()) {
            footprints.add(Footprint.of("Cairn (cairn-runtime)", tools.version("cairn-runtime-"),
                    tools.jar("cairn-runtime-"), jarsIn(options.cairnRuntimeDeps())));
        }
        footprints.addAll(cairn);
        Path flywayCore = tools.jar("flyway-core-");
        List<Path> flywayDeps = tools.flywayJars().stream()
                // Database support modules are left out like the JDBC drivers (flyway-mysql is one, for B3 on MariaDB).
                .filter(jar -> !jar.equals(flywayCore) && !jar.getFileName().toString().startsWith("flyway-database-")
                        && !jar.getFileName().toString().startsWith("flyway-mysql-"))
                .toList();
        footprints.add(Footprint.of("Flyway (flyway-core)", tools.version("flyway-core-"), flywayCore, flywayDeps));
        if (options.liquibaseDeps() != null && Files.isDirectory(options.liquibaseDeps())) {
            List<Path> all = jarsIn(options.liquibaseDeps());
            Path core = all.stream().filter(jar -> jar.getFileName().toString().startsWith("liquibase-core-"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "No liquibase-core jar in " + options.liquibaseDeps()));
            String name = core.getFileName().toString();
            String version = name.substring("liquibase-core-".length(), name.length() - 4);
            environment.put("Liquibase (size table only)", version);
            footprints.add(Footprint.of("Liquibase (liquibase-core)", version, core,
                    all.stream().filter(jar -> !jar.equals(core)).toList()));
        }
        return footprints;
    }

    private static List<Path> jarsIn(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
    }

    private void recordVersions() {
        environment.put("Cairn", tools.version("cairn-runtime-"));
        environment.put("Flyway", tools.version("flyway-core-"));
        environment.put("sqlite-jdbc", tools.version("sqlite-jdbc-"));
        environment.put("PostgreSQL JDBC", tools.version("postgresql-"));
        environment.put("Contenders", options.contenders().stream().map(Contender::label)
                .collect(Collectors.joining(", ")));
        environment.put("Mode", options.quick() ? "QUICK (smoke run, figures not for publication)" : "full");
    }

    private static String postgresVersion(String hostAndPort) {
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://" + hostAndPort + "/postgres", "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW server_version")) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach PostgreSQL at " + hostAndPort
                    + ": start it first (benchmarks/run.sh does) or leave out --postgres", e);
        }
    }

    private static String mariadbVersion(String hostAndPort) {
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://" + hostAndPort + "/", "root", "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT VERSION()")) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach MariaDB at " + hostAndPort
                    + ": start it first (benchmarks/run.sh does) or leave out --mariadb", e);
        }
    }

    private static String databaseName(String benchmark, Contender contender, int n) {
        return benchmark + "_" + contender.id() + "_" + n;
    }

    private static void log(String message) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }

    /** The suite's settings, from {@code --name=value} arguments. */
    record Options(Path work, Path results, Path plot, Path deps, String processorPath,
            java.util.Optional<String> postgres, boolean quick, Set<Contender> contenders,
            Path cairnRuntimeDeps, Path liquibaseDeps, Path doc, boolean compileOnly, boolean upToDateOnly,
            java.util.Optional<String> mariadb, boolean mariadbOnly, boolean scriptsOnly, boolean b2Only,
            List<Integer> compileSizes) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("Unexpected argument " + arg + ": use --name=value");
                }
                int equals = arg.indexOf('=');
                values.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals),
                        equals < 0 ? "true" : arg.substring(equals + 1));
            }
            Set<Contender> contenders = new LinkedHashSet<>();
            for (String id : values.getOrDefault("contenders", "cairn,flyway,raw").split(",")) {
                contenders.add(Contender.valueOf(id.trim().toUpperCase(java.util.Locale.ROOT)));
            }
            String postgres = values.get("postgres");
            return new Options(
                    Path.of(required(values, "work")),
                    Path.of(required(values, "results")),
                    Path.of(required(values, "plot")),
                    Path.of(required(values, "deps")),
                    values.getOrDefault("processor-path", ""),
                    postgres == null || postgres.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(postgres),
                    Boolean.parseBoolean(values.getOrDefault("quick", "false")),
                    contenders,
                    values.containsKey("cairn-runtime-deps") ? Path.of(values.get("cairn-runtime-deps")) : null,
                    values.containsKey("liquibase-deps") ? Path.of(values.get("liquibase-deps")) : null,
                    values.containsKey("doc") ? Path.of(values.get("doc")) : null,
                    "b4".equalsIgnoreCase(values.getOrDefault("only", "")),
                    "b1".equalsIgnoreCase(values.getOrDefault("only", "")),
                    java.util.Optional.ofNullable(values.get("mariadb")).filter(value -> !value.isBlank()),
                    "mariadb".equalsIgnoreCase(values.getOrDefault("only", "")),
                    "scripts".equalsIgnoreCase(values.getOrDefault("only", "")),
                    "b2".equalsIgnoreCase(values.getOrDefault("only", "")),
                    compileSizes(values.get("compile-sizes")));
        }

        /** B4's N: {@code --compile-sizes=1000,10000} (issue 18 asks for both), else 1,000 (200 in a smoke run). */
        private static List<Integer> compileSizes(String value) {
            if (value == null || value.isBlank()) {
                return List.of();
            }
            List<Integer> sizes = new ArrayList<>();
            for (String size : value.split(",")) {
                sizes.add(Integer.parseInt(size.trim()));
            }
            return List.copyOf(sizes);
        }

        private static String required(Map<String, String> values, String name) {
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Missing --" + name + "=...; see benchmarks/run.sh");
            }
            return value;
        }

        /** Measured runs after the warm-up run. */
        int runs() {
            return quick ? 3 : 5;
        }

        List<Integer> startupSizes() {
            return quick ? List.of(10, 100) : List.of(10, 100, 1_000, 10_000);
        }

        List<Integer> jmhSizes() {
            return quick ? List.of(100) : List.of(10, 1_000, 10_000);
        }

        List<Integer> applySizes() {
            return quick ? List.of(100) : List.of(100, 1_000);
        }

        /** N for the script workload (issue 18, target 3). */
        List<Integer> scriptSizes() {
            return quick ? List.of(100) : List.of(100, 1_000);
        }

        List<Integer> compileCounts() {
            return !compileSizes.isEmpty() ? compileSizes : List.of(quick ? 200 : 1_000);
        }

        @Override
        public String toString() {
            return Arrays.asList(work, results, plot).toString();
        }
    }
}
