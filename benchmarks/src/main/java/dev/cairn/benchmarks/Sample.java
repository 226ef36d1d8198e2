package dev.cairn.benchmarks;

/**
 * One run of a contender's program in a fresh JVM.
 *
 * <pre>{@code
 * Sample sample = timer.run(command, log);
 * sample.wallNanos();  // process start to exit, seen from the harness
 * }</pre>
 *
 * @param wallNanos process start to exit, measured by the harness
 * @param inProcessNanos first line of {@code main} to "up to date", printed by the program
 * @param peakRssKb maximum resident set size reported by {@code /usr/bin/time}
 * @param cpuNanos user plus system CPU time of the process (all its threads: JIT, GC, the driver's),
 *     reported by {@code /usr/bin/time}
 */
public record Sample(long wallNanos, long inProcessNanos, long peakRssKb, long cpuNanos) {
}
