package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.MigrationNames;
import dev.cairn.runtime.internal.sql.SqlScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code new}: the next version, the current heads, a class name from the description, no overwrite. */
class NewCommandTest {
    @TempDir
    Path sources;

    @Test
    void writesNextVersionDependingOnTheCurrentHeads() throws Exception {
        TestRegistry registry = new TestRegistry()
                .sql(1, "Create books", "SELECT 1", null)
                .sql(2, "Create reviews", "SELECT 1", null, 1)
                .sql(3, "Add stock", "SELECT 1", null, 1);

        CliRun run = CliRun.run(registry, "new", "Add user email", "--source-dir", sources.toString(),
                "--package", "com.example.db");

        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        Path file = sources.resolve("com/example/db/AddUserEmail.java");
        String source = Files.readString(file);
        assertTrue(source.startsWith("package com.example.db;\n"), source);
        assertTrue(source.contains("@Migration(version = 4, dependsOn = {2, 3})\n"), source);
        assertTrue(source.contains("public final class AddUserEmail implements JavaMigration {"), source);
        assertTrue(run.out.contains("version 4, depends on [2, 3]"), run.out);
    }

    @Test
    void singleHeadIsWrittenWithoutBraces() throws Exception {
        CliRun run = CliRun.run(TestRegistry.branchingShop(), "new", "Add prices", "--source-dir", sources.toString(),
                "--package", "shop");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(Files.readString(sources.resolve("shop/AddPrices.java"))
                .contains("@Migration(version = 5, dependsOn = 4)\n"));
    }

    @Test
    void keepsADescriptionTheClassNameCannotExpress() throws Exception {
        CliRun run = CliRun.run(TestRegistry.branchingShop(), "new", "add \"VAT\" to prices", "--source-dir",
                sources.toString(), "--package", "shop");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        String source = Files.readString(sources.resolve("shop/AddVATToPrices.java"));
        assertTrue(source.contains("description = \"add \\\"VAT\\\" to prices\")"), source);
    }

    @Test
    void writesTheDescriptionWhenDerivationRulesCouldDiffer() {
        TestRegistry registry = new TestRegistry();
        java.time.Clock clock = java.time.Clock.systemUTC();
        assertTrue(!MigrationTemplate.forDescription("Add user email", registry.migrations(), clock).source("app")
                .contains("description ="));
        assertTrue(MigrationTemplate.forDescription("Add a column", registry.migrations(), clock).source("app")
                .contains("description = \"Add a column\""));
        assertTrue(MigrationTemplate.forDescription("Add books v2", registry.migrations(), clock).source("app")
                .contains("description = \"Add books v2\""));
    }

    @Test
    void refusesToOverwriteAnExistingMigration() throws Exception {
        Path existing = sources.resolve("shop/AddPrices.java");
        Files.createDirectories(existing.getParent());
        Files.write(existing, List.of("// hand-written"), StandardCharsets.UTF_8);

        CliRun run = CliRun.run(TestRegistry.branchingShop(), "new", "Add prices", "--source-dir", sources.toString(),
                "--package", "shop");

        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.err.contains("already exists; Cairn never overwrites a migration"), run.err);
        assertEquals("// hand-written\n", Files.readString(existing));
    }

    @Test
    void firstMigrationOfAnEmptyGraphIsVersionOneWithoutDependencies() throws Exception {
        CliRun run = CliRun.run(new TestRegistry(), "new", "Create users", "--source-dir", sources.toString(),
                "--package", "app");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(Files.readString(sources.resolve("app/CreateUsers.java")).contains("@Migration(version = 1)\n"));
    }

    @Test
    void timestampVersionsContinueWithTheCurrentTime() {
        TestRegistry registry = new TestRegistry().sql(20250101120000L, "Create users", "SELECT 1", null);
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T23:59:30Z"), ZoneOffset.UTC);
        MigrationTemplate template = MigrationTemplate.forDescription("Add email", registry.migrations(), clock);
        assertEquals(20261121235930L, template.version());
        assertTrue(template.source("app").contains("@Migration(version = 20261121235930L, dependsOn = 20250101120000L)"));
    }

    @Test
    void descriptionWithoutLettersIsBadUsage() {
        CliRun run = CliRun.run(new TestRegistry(), "new", "!!!", "--source-dir", sources.toString());
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
    }

    @Test
    void classNamesComeFromDescriptions() {
        assertEquals("AddUserEmail", MigrationNames.className("Add user email"));
        assertEquals("AddUserEmail", MigrationNames.className("add user-email"));
        assertEquals("V2faForAdmins", MigrationNames.className("2fa for admins"));
        assertEquals("Add user email", MigrationNames.description("AddUserEmail"));
    }

    @Test
    void sqlWritesAFolderScriptWithTheNextVersionAndADependsOnHeaderListingTheHeads() throws Exception {
        Path folder = sources.resolve("db/migration");

        CliRun run = CliRun.run(TestRegistry.branchingShop(), "new", "Add user e-mail", "--sql", "--resource-dir",
                folder.toString());

        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        Path file = folder.resolve("V5__add_user_e_mail.sql");
        String script = Files.readString(file);
        assertTrue(script.startsWith("-- depends-on: 4\n-- Add user e-mail\n--\n"), script);
        assertTrue(script.contains("must not contain BEGIN, COMMIT or\n-- ROLLBACK"), script);
        assertTrue(script.contains("U5__add_user_e_mail.sql beside this file"), script);
        assertEquals(List.of(), SqlScript.parse(file.toString(), script).statements(),
                "the template has no statement, so the processor refuses it until it is written");
        assertTrue(run.out.contains("Created " + file + "\n  version 5, depends on [4] (its '-- depends-on:' header)"),
                run.out);
    }

    @Test
    void sqlListsEveryHeadAndAnEmptyHeaderForTheFirstMigration() throws Exception {
        TestRegistry registry = new TestRegistry()
                .sql(1, "Create books", "SELECT 1", null)
                .sql(2, "Create reviews", "SELECT 1", null, 1)
                .sql(3, "Add stock", "SELECT 1", null, 1);

        assertEquals(Cli.EXIT_SUCCESS, CliRun.run(registry, "new", "Add prices", "--sql", "--resource-dir",
                sources.toString()).status);
        assertEquals(Cli.EXIT_SUCCESS, CliRun.run(new TestRegistry(), "new", "Create users", "--sql", "--resource-dir",
                sources.resolve("fresh").toString()).status);

        assertTrue(Files.readString(sources.resolve("V4__add_prices.sql")).startsWith("-- depends-on: 2, 3\n"));
        assertTrue(Files.readString(sources.resolve("fresh/V1__create_users.sql")).startsWith("-- depends-on:\n"));
    }

    @Test
    void sqlRefusesAVersionAScriptNotYetCompiledAlreadyUses() throws Exception {
        Files.write(sources.resolve("V5__add_prices.sql"), List.of("CREATE TABLE prices (id INT);"));

        CliRun run = CliRun.run(TestRegistry.branchingShop(), "new", "Add taxes", "--sql", "--resource-dir",
                sources.toString());

        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.err.contains("V5__add_prices.sql already has version 5"), run.err);
        assertTrue(run.err.contains("Rebuild the application"), run.err);
        assertTrue(run.err.contains("--version 6"), run.err);
        assertFalse(Files.exists(sources.resolve("V5__add_taxes.sql")));
    }

    @Test
    void sqlTakesTheVersionAfterTheRegistrysAndLeavesExistingScriptsAlone() throws Exception {
        Path existing = sources.resolve("V5__add_prices.sql");
        Files.write(existing, List.of("-- mine"));
        TestRegistry registry = TestRegistry.branchingShop();
        registry.sql(5, "Add prices", "SELECT 1", null, 4);

        CliRun run = CliRun.run(registry, "new", "Add prices", "--sql", "--resource-dir", sources.toString());

        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(Files.exists(sources.resolve("V6__add_prices.sql")), "the next version, beside the existing one");
        assertEquals("-- mine\n", Files.readString(existing));
    }

    @Test
    void sqlWithJavaOptionsOrResourceDirWithoutSqlIsBadUsage() {
        assertEquals(Cli.EXIT_USAGE, CliRun.run(new TestRegistry(), "new", "Add prices", "--sql", "--package", "app")
                .status);
        assertEquals(Cli.EXIT_USAGE, CliRun.run(new TestRegistry(), "new", "Add prices", "--resource-dir",
                sources.toString()).status);
    }

    @Test
    void outsideAProjectRefusesAndNamesTheFolderItLookedFor() {
        CliRun run = CliRun.in(sources, TestRegistry.branchingShop(), "new", "Add prices");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains(sources.resolve("src/main/java") + " does not exist"), run.err);
        assertTrue(run.err.contains("--source-dir"), run.err);
        CliRun sql = CliRun.in(sources, TestRegistry.branchingShop(), "new", "Add prices", "--sql");
        assertEquals(Cli.EXIT_USAGE, sql.status, sql.toString());
        assertTrue(sql.err.contains("--resource-dir"), sql.err);
        assertFalse(Files.exists(sources.resolve("src")), "nothing written outside a project");
    }

    @Test
    void sourceDirThatDoesNotExistYetIsCreatedAndSaidSo() {
        CliRun run = CliRun.in(sources, TestRegistry.branchingShop(), "new", "Add prices", "--source-dir", "fresh/java",
                "--package", "shop");
        assertEquals(Cli.EXIT_SUCCESS, run.status, run.toString());
        assertTrue(run.out.contains("Created the directory " + sources.resolve("fresh/java/shop")), run.out);
        assertTrue(Files.exists(sources.resolve("fresh/java/shop/AddPrices.java")));
    }

    @Test
    void javaMigrationDetectsAStaleRegistryFromAnUncompiledScriptAndProposesTheNextFreeVersion() throws Exception {
        Path folder = sources.resolve("src/main/resources/db/migration");
        Files.createDirectories(folder);
        Files.createDirectories(sources.resolve("src/main/java"));
        Files.write(folder.resolve("V5__add_prices.sql"), List.of("CREATE TABLE prices (id INT);"));
        Files.write(folder.resolve("6_add_taxes.sql"), List.of("CREATE TABLE taxes (id INT);"));

        CliRun run = CliRun.in(sources, TestRegistry.branchingShop(), "new", "Add discounts", "--package", "shop");

        assertEquals(Cli.EXIT_FAILURE, run.status, run.toString());
        assertTrue(run.err.contains("V5__add_prices.sql already has version 5"), run.err);
        assertTrue(run.err.contains("--version 7"), run.err);
        assertFalse(Files.exists(sources.resolve("src/main/java/shop/AddDiscounts.java")));

        CliRun accepted = CliRun.in(sources, TestRegistry.branchingShop(), "new", "Add discounts", "--package", "shop",
                "--version", "7");
        assertEquals(Cli.EXIT_SUCCESS, accepted.status, accepted.toString());
        assertTrue(Files.readString(sources.resolve("src/main/java/shop/AddDiscounts.java"))
                .contains("@Migration(version = 7, dependsOn = 4)"));
    }

    @Test
    void secondRunWithTheSameDescriptionSaysTheFileExistsNotThatTheRegistryIsStale() {
        String[] args = {"new", "Add prices", "--source-dir", sources.toString(), "--package", "shop"};
        assertEquals(Cli.EXIT_SUCCESS, CliRun.run(TestRegistry.branchingShop(), args).status);
        CliRun again = CliRun.run(TestRegistry.branchingShop(), args);
        assertEquals(Cli.EXIT_FAILURE, again.status, again.toString());
        assertTrue(again.err.contains("already exists; Cairn never overwrites a migration"), again.err);
    }

    @Test
    void versionAlreadyTakenIsBadUsage() {
        CliRun run = CliRun.run(TestRegistry.branchingShop(), "new", "Add prices", "--source-dir", sources.toString(),
                "--version", "3");
        assertEquals(Cli.EXIT_USAGE, run.status, run.toString());
        assertTrue(run.err.contains("version 3 is already"), run.err);
    }

    @Test
    void scriptNamesAreLowerSnakeCaseOfTheDescription() {
        assertEquals("V1__add_user_email.sql", MigrationNames.scriptFileName(1, "Add user email"));
        assertEquals("V1__add_vat_to_prices.sql", MigrationNames.scriptFileName(1, " add \"VAT\" to prices! "));
        assertEquals("U1__2fa_for_admins.sql", MigrationNames.undoScriptFileName(1, "2fa for admins"));
    }
}
