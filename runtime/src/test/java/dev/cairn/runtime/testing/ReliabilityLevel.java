package dev.cairn.runtime.testing;

import java.util.Random;

/**
 * How much of the reliability suite to run, read from the system property {@code cairn.reliability}
 * that the root pom passes to every test JVM: {@code fast} in every {@code mvn verify}, {@code full}
 * with {@code -Preliability} (as {@code .ci/run} does). Random choices are seeded; the seed is
 * {@code -Dcairn.reliability.seed=<long>} if given, else a fixed default, so a failure can be
 * replayed.
 *
 * <pre>{@code
 * int trials = ReliabilityLevel.trials(4, 100);   // 4 in mvn verify, 100 with -Preliability
 * Random random = ReliabilityLevel.random("crash sqlite-file");
 * }</pre>
 */
public final class ReliabilityLevel {

    /** The seed used when {@code cairn.reliability.seed} is not set. */
    public static final long DEFAULT_SEED = 20261122L;

    private ReliabilityLevel() {
    }

    /** Whether the long part runs ({@code -Dcairn.reliability=full}). */
    public static boolean isFull() {
        return "full".equalsIgnoreCase(System.getProperty("cairn.reliability", "fast").trim());
    }

    /** The name of the level, for the figures: {@code full} or {@code fast}. */
    public static String name() {
        return isFull() ? "full" : "fast";
    }

    /** {@code fast} in the everyday build, {@code full} in the long run. */
    public static int trials(int fast, int full) {
        return isFull() ? full : fast;
    }

    /** The seed of this run: {@code -Dcairn.reliability.seed}, else {@link #DEFAULT_SEED}. */
    public static long seed() {
        String configured = System.getProperty("cairn.reliability.seed");
        return configured == null || configured.isBlank() ? DEFAULT_SEED : Long.parseLong(configured.trim());
    }

    /**
     * A random source for one suite, derived from the run's seed and the suite's name so that
     * suites do not depend on each other's order; prints the seed so that the run can be replayed.
     */
    public static Random random(String suite) {
        long seed = seed();
        System.out.println("reliability: " + suite + " seed=" + seed
                + " (replay with -Dcairn.reliability.seed=" + seed + ")");
        return new Random(seed * 31 + suite.hashCode());
    }
}
