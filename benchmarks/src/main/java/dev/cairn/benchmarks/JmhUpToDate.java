package dev.cairn.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link UpToDateBenchmark} for one contender and writes {@code score,error,unit} to a file
 * for the suite. A separate process per contender, because each needs its own class path: the
 * Flyway workload and Cairn's registry must not see each other's classes.
 *
 * <pre>{@code
 * java -cp ... dev.cairn.benchmarks.JmhUpToDate bench.cairn.CairnMain jdbc:sqlite:/tmp/x.db - out.txt
 * }</pre>
 */
public final class JmhUpToDate {

    private JmhUpToDate() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("Usage: JmhUpToDate <mainClass> <jdbcUrl> <user or -> <resultFile>");
        }
        Options options = new OptionsBuilder()
                .include(UpToDateBenchmark.class.getName() + ".findUpToDate")
                .param("mainClass", args[0])
                .param("url", args[1])
                .param("user", args[2])
                .build();
        RunResult run = new Runner(options).runSingle();
        Result<?> result = run.getPrimaryResult();
        Files.writeString(Path.of(args[3]), String.format(Locale.ROOT, "%f,%f,%s%n",
                result.getScore(), result.getScoreError(), result.getScoreUnit()));
    }
}
