package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line's contract before any database is touched: help, usage errors, exit status 2. */
class CliUsageTest {
    private final TestRegistry registry = TestRegistry.branchingShop();

    @Test
    void globalHelpListsEveryCommandAndExitsZero() {
        CliRun run = CliRun.run(registry, "--help");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        for (String command : new String[] {"migrate", "plan", "info", "validate", "rollback", "baseline", "adopt-flyway", "repair",
                "graph", "new"}) {
            assertTrue(run.out.contains("\n  " + command + " "), command + " missing from\n" + run.out);
        }
        assertTrue(run.out.contains("CAIRN_PASSWORD"), run.out);
        assertTrue(run.out.contains("Exit status: 0 success, 1 migration or validation failure, 2 bad usage, 3 not complete "
                + "(migrate --batch-time-limit left a batched migration in progress)."), run.out);
    }

    @Test
    void shortHelpFlagIsTheSameAsLongOne() {
        assertEquals(CliRun.run(registry, "--help").out, CliRun.run(registry, "-h").out);
    }

    @Test
    void commandHelpShowsItsOwnOptions() {
        CliRun run = CliRun.run(registry, "migrate", "--help");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.startsWith("Usage: shop migrate [--target V] [--out-of-order] [--dry-run] [--yes]"), run.out);
        assertEquals(run.out, CliRun.run(registry, "help", "migrate").out);
    }

    @Test
    void helpShowsTheApplicationsDefaultDatabase() {
        CliRun run = CliRun.withDefault(registry, "jdbc:sqlite:shop.db", "--help");
        assertTrue(run.out.contains("Database: jdbc:sqlite:shop.db unless --url or --db is given."), run.out);
    }

    @Test
    void noCommandIsBadUsage() {
        CliRun run = CliRun.run(registry);
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains("No command given."), run.err);
        assertTrue(run.err.contains("Run 'shop --help' for usage."), run.err);
    }

    @Test
    void unknownCommandIsBadUsage() {
        CliRun run = CliRun.run(registry, "migrat");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains("Unknown command 'migrat'."), run.err);
    }

    @Test
    void optionOfAnotherCommandIsBadUsage() {
        CliRun run = CliRun.run(registry, "info", "--to", "3");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains("'info' has no option --to."), run.err);
    }

    @Test
    void commandOptionBeforeTheCommandNameIsExplained() {
        CliRun run = CliRun.run(registry, "--yes", "migrate");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains("write it after the command name"), run.err);
    }

    @Test
    void optionWithoutItsValueIsBadUsage() {
        CliRun run = CliRun.run(registry, "rollback", "--to");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains("--to needs a value: --to V."), run.err);
    }

    @Test
    void malformedVersionIsBadUsageAndTouchesNoDatabase() {
        CliRun run = CliRun.withDefault(registry, "jdbc:nosuchdriver:x", "rollback", "--to", "three");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains("--to expects a migration version (a positive whole number, or numbers separated "
                + "by dots such as 1.10), not 'three'."), run.err);
    }

    @Test
    void missingRequiredOptionIsBadUsage() {
        CliRun run = CliRun.run(registry, "baseline");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains("'baseline' needs --version V"), run.err);
    }

    @Test
    void versionUnknownToTheApplicationIsBadUsage() {
        CliRun run = CliRun.withDefault(registry, "jdbc:nosuchdriver:x", "migrate", "--target", "99");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains("--target 99 is not a migration of this application"), run.err);
    }

    @Test
    void jsonOnACommandWithoutJsonOutputIsBadUsage() {
        CliRun run = CliRun.run(registry, "repair", "--json");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains("--json is available for info, validate, plan and migrate"), run.err);
    }

    @Test
    void passwordIsNotAcceptedOnTheCommandLine() {
        CliRun run = CliRun.run(registry, "info", "--password", "hunter2", "--db", "x.db");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertFalse(run.err.contains("hunter2"), run.err);
    }

    @Test
    void urlAndDbTogetherAreBadUsage() {
        CliRun run = CliRun.run(registry, "info", "--url", "jdbc:sqlite:a.db", "--db", "b.db");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains("Give either --url or --db, not both"), run.err);
    }

    @Test
    void commandThatNeedsADatabaseWithoutOneIsBadUsage() {
        CliRun run = CliRun.run(registry, "info");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains("'info' needs a database: add --url JDBC_URL or --db FILE."), run.err);
    }

    @Test
    void urlThatIsNotJdbcIsBadUsageWithItsPasswordHidden() {
        CliRun run = CliRun.run(registry, "info", "--url", "postgresql://admin:s3cret@db/shop");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertFalse(run.err.contains("s3cret"), run.err);
        assertTrue(run.err.contains("postgresql://admin:***@db/shop"), run.err);
    }

    @Test
    void displayedUrlsNeverShowPasswords() {
        assertEquals("jdbc:postgresql://db/shop?user=app&password=***&ssl=true",
                DatabaseTarget.redact("jdbc:postgresql://db/shop?user=app&password=pw&ssl=true"));
        assertEquals("jdbc:postgresql://app:***@db/shop", DatabaseTarget.redact("jdbc:postgresql://app:pw@db/shop"));
        assertEquals("jdbc:sqlite:shop.db", DatabaseTarget.redact("jdbc:sqlite:shop.db"));
    }

    @Test
    void passwordComesFromTheEnvironment() {
        ParsedArguments arguments = new CommandLineParser(Commands.GLOBAL_OPTIONS, Commands.all())
                .parse("info", "--url", "jdbc:postgresql://db/shop", "--user", "app");
        DatabaseTarget target = DatabaseTarget.resolve(arguments, null, Map.of("CAIRN_PASSWORD", "pw")).get();
        assertEquals("app", target.user().get());
        assertEquals("pw", target.password().get());
    }

    @Test
    void globalOptionsMayComeBeforeOrAfterTheCommand() {
        CommandLineParser parser = new CommandLineParser(Commands.GLOBAL_OPTIONS, Commands.all());
        ParsedArguments before = parser.parse("--db", "a.db", "rollback", "--to=3");
        ParsedArguments after = parser.parse("rollback", "--to", "3", "--db=a.db");
        assertEquals("a.db", before.value("--db").get());
        assertEquals("a.db", after.value("--db").get());
        assertEquals(3L, before.requiredVersion("--to").asLong());
        assertEquals(3L, after.requiredVersion("--to").asLong());
    }

    @Test
    void requiredOptionsAreShownWithoutBrackets() {
        assertTrue(CliRun.run(registry, "rollback", "--help").out.startsWith("Usage: shop rollback --to V [--yes]\n"));
        assertTrue(CliRun.run(registry, "baseline", "--help").out.startsWith("Usage: shop baseline --version V\n"));
        assertTrue(CliRun.run(registry, "backup", "--help").out.startsWith("Usage: shop backup --dir DIR [--keep N]\n"));
        assertTrue(CliRun.run(registry, "restore", "--help").out.startsWith("Usage: shop restore --from FILE [--yes]\n"));
        assertTrue(CliRun.run(registry, "backups", "--help").out.startsWith("Usage: shop backups --dir DIR\n"));
    }
}
