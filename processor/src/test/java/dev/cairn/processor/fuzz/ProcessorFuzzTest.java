package dev.cairn.processor.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The processor under fuzzing: random compilations of migrations (see {@link CaseGenerator})
 * compiled through the processor and checked against an independent {@link Oracle} by
 * {@link CaseRunner}.
 *
 * <p>How many cases: system property {@code cairn.reliability} is {@code fast} in every build
 * (200 cases: about 10 s on an idle machine, 20-30 s under load) and {@code full} with {@code -Preliability} (1,000 cases);
 * {@code -Dcairn.fuzz.cases=N} overrides both. The seed is fixed unless
 * {@code -Dcairn.fuzz.seed=N} is given; {@code -Dcairn.fuzz.case=N} runs case N of the seed
 * alone, as printed with every failure. The figures are printed as one line and written to
 * {@code target/reliability/fuzz.properties}.
 *
 * <pre>{@code
 * mvn -B -pl processor -am verify -Dtest=ProcessorFuzzTest -Dsurefire.failIfNoSpecifiedTests=false -Dcairn.fuzz.seed=7
 * }</pre>
 */
class ProcessorFuzzTest {

    static final long DEFAULT_SEED = 20251122L;

    @Test
    void everyGeneratedCompilationGetsExactlyTheExpectedDiagnosticsOrAnOrderedRegistry() throws IOException {
        boolean full = "full".equals(System.getProperty("cairn.reliability", "fast"));
        long seed = Long.getLong("cairn.fuzz.seed", DEFAULT_SEED);
        int cases = Integer.getInteger("cairn.fuzz.cases", full ? 1000 : 200);
        Integer only = Integer.getInteger("cairn.fuzz.case");
        System.out.println("reliability: fuzz seed=" + seed + " cases=" + (only == null ? cases : 1)
                + (only == null ? "" : " (case " + only + " only)") + " mode=" + (full ? "full" : "fast"));

        CaseGenerator generator = new CaseGenerator();
        Map<String, Integer> byCode = new TreeMap<>();
        List<CaseRunner.Outcome> failures = new ArrayList<>();
        int valid = 0;
        int invalid = 0;
        int run = 0;
        long started = System.nanoTime();
        for (int index = only == null ? 0 : only; index < (only == null ? cases : only + 1); index++) {
            CaseRunner.Outcome outcome = CaseRunner.run(generator.generate(seed, index));
            run++;
            if (outcome.expected().compiles()) {
                valid++;
            } else {
                invalid++;
            }
            for (String code : outcome.expected().errors().keySet()) {
                byCode.merge(code, 1, Integer::sum);
            }
            for (String code : outcome.expected().warnings().keySet()) {
                byCode.merge(code, 1, Integer::sum);
            }
            if (outcome.expected().javacErrors() != Oracle.JavacErrors.NONE) {
                byCode.merge(outcome.expected().processorRuns() ? "javac" : "javac-syntax", 1, Integer::sum);
            }
            if (!outcome.problems().isEmpty()) {
                failures.add(outcome);
                System.out.println(outcome.report());
            } else if (only != null) {
                System.out.println(outcome.report());  // a case run alone is shown even when it passes
            }
        }
        long seconds = Math.round((System.nanoTime() - started) / 1e9);
        String summary = "reliability: fuzz seed=" + seed + " cases=" + run + " valid=" + valid + " invalid=" + invalid
                + " by code " + byCode + " failures=" + failures.size() + " seconds=" + seconds;
        System.out.println(summary);
        writeFigures(seed, run, valid, invalid, byCode, failures, seconds, full);
        if (!failures.isEmpty()) {
            List<String> which = new ArrayList<>();
            for (CaseRunner.Outcome failure : failures) {
                which.add(failure.fuzzCase().index() + ": " + failure.problems().get(0).lines().findFirst().orElse(""));
            }
            fail(failures.size() + " of " + run + " fuzz cases failed (seed " + seed + "), reports above:\n  "
                    + String.join("\n  ", which));
        }
    }

    private static void writeFigures(long seed, int run, int valid, int invalid, Map<String, Integer> byCode,
                                     List<CaseRunner.Outcome> failures, long seconds, boolean full) throws IOException {
        Map<String, String> figures = new TreeMap<>();
        figures.put("mode", full ? "full" : "fast");
        figures.put("seed", Long.toString(seed));
        figures.put("cases", Integer.toString(run));
        figures.put("valid", Integer.toString(valid));
        figures.put("invalid", Integer.toString(invalid));
        figures.put("failures", Integer.toString(failures.size()));
        figures.put("seconds", Long.toString(seconds));
        for (Map.Entry<String, Integer> code : byCode.entrySet()) {
            figures.put("code." + code.getKey(), Integer.toString(code.getValue()));
        }
        List<String> failed = new ArrayList<>();
        for (CaseRunner.Outcome failure : failures) {
            failed.add(Integer.toString(failure.fuzzCase().index()));
        }
        figures.put("failedCases", String.join(",", failed));
        Path directory = Path.of("target", "reliability");
        Files.createDirectories(directory);
        // Sorted and without Properties' date comment, so that two runs' files compare line by line.
        StringBuilder text = new StringBuilder("# Processor fuzzing (ProcessorFuzzTest): the figures of the last run\n");
        for (Map.Entry<String, String> figure : figures.entrySet()) {
            text.append(figure.getKey()).append('=').append(figure.getValue()).append('\n');
        }
        Files.writeString(directory.resolve("fuzz.properties"), text, StandardCharsets.ISO_8859_1);
    }
}
