package dev.cairn.it.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.cli.Cli;
import dev.cairn.runtime.testing.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The steps of docs/from-flyway.md, run for real: an application whose database Flyway built moves
 * to Cairn with the operator CLI. Each step's output is written to
 * {@code target/from-flyway-steps.txt}, from which the page quotes, and its key lines are checked here
 * so that the page cannot drift from what Cairn says.
 */
class FromFlywayStepsTest {

    private final StringBuilder transcript = new StringBuilder();
    private String url;

    @Test
    void aFlywayDatabaseIsRefusedThenAdoptedThenMigratedOn() throws Exception {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        url = database.jdbcUrl();
        // Where the team starts: Flyway has run the folder up to version 2 on production.
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/corpus")
                .placeholders(Map.of("isbn_prefix", "978")).target("2").load().migrate();

        String plan = step(Cli.EXIT_FAILURE, "plan");
        assertTrue(plan.contains("NON_EMPTY_DATABASE"), plan);
        assertTrue(plan.contains("flyway_schema_history"), plan);
        assertTrue(plan.contains("adopt-flyway"), plan);

        String refused = step(Cli.EXIT_FAILURE, "migrate");
        assertTrue(refused.contains("adopt-flyway"), refused);

        String adopt = step(Cli.EXIT_SUCCESS, "adopt-flyway");
        assertTrue(adopt.contains("1.10"), adopt);

        String pending = step(Cli.EXIT_SUCCESS, "plan");
        assertTrue(pending.contains("2.1"), pending);

        String migrate = step(Cli.EXIT_SUCCESS, "migrate");
        assertTrue(migrate.contains("2.1"), migrate);

        String info = step(Cli.EXIT_SUCCESS, "info");
        assertTrue(info.contains("baselined"), info);
        assertTrue(info.contains("1.10"), info);

        step(Cli.EXIT_SUCCESS, "validate");

        Path file = Paths.get("target", "from-flyway-steps.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, transcript.toString(), StandardCharsets.UTF_8);
    }

    /** Runs one CLI command as an operator would, records it and its output, and checks its exit status. */
    private String step(int expectedStatus, String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = Cli.builder(MigrationRegistry.INSTANCE).programName("bookshop")
                .environment(Map.of("CAIRN_PLACEHOLDER_ISBN_PREFIX", "978"))
                .out(print).err(print).build().execute(withUrl(args));
        // The test cluster's address, in every form Cairn prints it, as the page shows a production one.
        String text = out.toString(StandardCharsets.UTF_8).replace(url, "jdbc:postgresql://db.example:5432/shop")
                .replaceAll("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/[a-z_0-9]+(\\?user=[^)\\s]*)?",
                        "jdbc:postgresql://db.example:5432/shop");
        transcript.append("$ bookshop ").append(String.join(" ", args)).append('\n').append(text)
                .append("(exit ").append(status).append(")\n\n");
        assertEquals(expectedStatus, status, text);
        return text;
    }

    private String[] withUrl(String[] args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = url;
        return all;
    }
}
