package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The engine's messages name Java calls; the CLI names its commands (issue 12 §5). */
class ErrorMessagesTest {

    @Test
    void apiCallsBecomeCommands() {
        assertEquals("Check the database, then run 'repair' and run migrate again.",
                ErrorMessages.forOperator("Check the database, then call repair() and run migrate again."));
        assertEquals("apply 1 again with 'migrate --target 1'.",
                ErrorMessages.forOperator("apply 1 again with migrate(1) (CLI: migrate --target 1)."));
        assertEquals("record what Flyway applied with 'adopt-flyway', then migrate. record that with "
                        + "'baseline --version V', then",
                ErrorMessages.forOperator("record what Flyway applied with adoptFlyway() (CLI: adopt-flyway), then "
                        + "migrate. record that with baseline(V) (CLI: baseline --version V), then"));
        assertEquals("allow that with 'migrate --out-of-order', or",
                ErrorMessages.forOperator("allow that with Migrator.Builder.outOfOrder(true) (CLI: migrate "
                        + "--out-of-order), or"));
        assertEquals("record it with 'forget --version 1.10' (after checking)",
                ErrorMessages.forOperator("record it with forget(MigrationVersion.parse(\"1.10\")) (CLI: forget "
                        + "--version 1.10) (after checking)"));
        assertEquals("each was committed with its history row; 'info' lists them",
                ErrorMessages.forOperator("each was committed with its history row; info() lists them"));
    }

    @Test
    void javaMethodsAndCallsWithoutACommandStayAsTheyAre() {
        String text = "Implement down() in them, or allow this with Migrator.Builder.allowNonEmptyDatabase(true); "
                + "migrate(5) with no CLI form";
        assertEquals(text, ErrorMessages.forOperator(text));
    }
}
