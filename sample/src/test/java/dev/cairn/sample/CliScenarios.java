package dev.cairn.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steps that the SQLite ({@link SampleCliIT}) and PostgreSQL ({@link SamplePostgresIT}) tests
 * both take, written once so both databases are held to exactly the same behaviour.
 *
 * <pre>{@code
 * CliScenarios.restartKeepsTheRollbackUntilATargetReappliesIt(this::run);
 * }</pre>
 */
final class CliScenarios {
    private CliScenarios() {
    }

    /** Runs the packaged jar against the test's database; each test adds its own database options. */
    @FunctionalInterface
    interface Cli {
        SampleJar.Result run(String... args) throws Exception;
    }

    /**
     * After {@code rollback --to 4} of a fully migrated database: a restart (plain
     * {@code migrate}) must not undo the rollback, and {@code migrate --target 7} is the explicit
     * choice that re-applies the four rolled-back migrations.
     */
    static void restartKeepsTheRollbackUntilATargetReappliesIt(Cli cli) throws Exception {
        SampleJar.Result restart = cli.run("migrate", "--yes");
        assertEquals(0, restart.status, restart.toString());
        assertTrue(restart.out.contains("Skipped, rolled back"), restart.toString());
        assertTrue(restart.out.contains("is up to date"), restart.toString());

        SampleJar.Result again = cli.run("migrate", "--target", "7", "--yes");
        assertEquals(0, again.status, again.toString());
        assertTrue(again.out.contains("Applied 4 migrations"), again.toString());
    }
}
