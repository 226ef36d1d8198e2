package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The naming rules the processor and the CLI share. */

class MigrationNamesTest {

    @Test
    void splitsCamelCaseIntoASentence() {
        assertEquals("Add user email", MigrationNames.description("AddUserEmail"));
    }

    @Test
    void keepsAcronymsAndVersionTokens() {
        assertEquals("V2 add SSL certs", MigrationNames.description("V2AddSSLCerts"));
        assertEquals("Create HTTP log", MigrationNames.description("CreateHTTPLog"));
        assertEquals("Migrate to V3", MigrationNames.description("MigrateToV3"));
        assertEquals("Hash with SHA256", MigrationNames.description("HashWithSHA256"));
    }

    @Test
    void separatesNumbersFromWords() {
        assertEquals("Add 2 columns", MigrationNames.description("Add2Columns"));
        assertEquals("Add a column", MigrationNames.description("AddAColumn"));
    }

    @Test
    void treatsUnderscoresAsSpaces() {
        assertEquals("Create users table", MigrationNames.description("create_users_table"));
        assertEquals("V1 init", MigrationNames.description("V1__Init"));
    }

    @Test
    void keepsSingleWordsAndAllCapsNames() {
        assertEquals("Init", MigrationNames.description("Init"));
        assertEquals("ETL", MigrationNames.description("ETL"));
    }

    @Test
    void parsesTheThreeScriptNameForms() {
        MigrationNames.ScriptFileName versioned = MigrationNames.parseScriptFileName("V3__add_index.sql").orElseThrow();
        assertEquals(MigrationVersion.of(3), versioned.version());
        assertEquals("Add index", versioned.description());
        assertFalse(versioned.isUndo());
        assertEquals(Optional.of("U3__add_index.sql"), versioned.undoFileName());

        MigrationNames.ScriptFileName numbered = MigrationNames.parseScriptFileName("003_seed_roles.sql").orElseThrow();
        assertEquals(MigrationVersion.of(3), numbered.version());
        assertEquals("Seed roles", numbered.description());
        assertEquals(Optional.empty(), numbered.undoFileName());

        assertTrue(MigrationNames.parseScriptFileName("U3__add_index.sql").orElseThrow().isUndo());
    }

    @Test
    void flywayVersionsWithPartsAreReadUpToTheFirstDoubleUnderscore() {
        MigrationNames.ScriptFileName dotted = MigrationNames.parseScriptFileName("V1_10__add_isbn_index.sql")
                .orElseThrow();
        assertEquals(MigrationVersion.parse("1.10"), dotted.version());
        assertEquals("1.10", dotted.version().toString());
        assertEquals("Add isbn index", dotted.description());
        assertEquals(Optional.of("U1_10__add_isbn_index.sql"), dotted.undoFileName());
        assertEquals("17.1", MigrationNames.parseScriptFileName("V17.1__x.sql").orElseThrow().version().toString());
        assertEquals("1.12.15", MigrationNames.parseScriptFileName("U1_12_15__x.sql").orElseThrow().version()
                .toString());
        assertEquals(Optional.empty(), MigrationNames.parseScriptFileName("V1..2__x.sql"));
        assertEquals(Optional.empty(), MigrationNames.parseScriptFileName("V1_99999999999999999999__x.sql"));
    }

    @Test
    void refusesNearMissesAndOtherFiles() {
        assertEquals(Optional.empty(), MigrationNames.parseScriptFileName("V3_add_index.sql"));
        assertEquals(Optional.empty(), MigrationNames.parseScriptFileName("v3__add_index.sql"));
        assertEquals(Optional.empty(), MigrationNames.parseScriptFileName("V3__.sql"));
        assertEquals(Optional.empty(), MigrationNames.parseScriptFileName("README.md"));
        assertEquals(Optional.empty(), MigrationNames.parseScriptFileName("V99999999999999999999__too_big.sql"));
    }

    @Test
    void writesScriptNamesTheParserReadsBack() {
        String name = MigrationNames.scriptFileName(12, "Add \"VAT\" to prices!");
        assertEquals("V12__add_vat_to_prices.sql", name);
        assertEquals("Add vat to prices", MigrationNames.parseScriptFileName(name).orElseThrow().description());
        assertEquals("U12__add_vat_to_prices.sql", MigrationNames.undoScriptFileName(12, "Add \"VAT\" to prices!"));
    }

    @Test
    void derivesClassNamesFromDescriptions() {
        assertEquals("AddUserEmail", MigrationNames.className("Add user e-mail".replace("e-mail", "email")));
        assertEquals("V2faForAdmins", MigrationNames.className("2fa for admins"));
        assertEquals("", MigrationNames.className("!!!"));
    }

    @Test
    void flywaysDescriptionsAndCairnsNameTheSameMigration() {
        assertTrue(MigrationNames.sameDescription("create books", "Create books"));
        assertTrue(MigrationNames.sameDescription("add_isbn  index", "Add isbn index"));
        assertFalse(MigrationNames.sameDescription("Create books", "Create authors"));
        assertFalse(MigrationNames.sameDescription(null, "Create books"));
    }
}
