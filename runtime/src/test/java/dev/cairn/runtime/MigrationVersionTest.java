package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationVersionTest {

    @Test
    void versionsAreOrderedPartByPartNumericallyAsFlywayOrdersThem() {
        List<MigrationVersion> versions = new ArrayList<>();
        for (String text : new String[] {"2", "1.10", "1_12_15", "17.1", "1.9", "1", "1.2.3", "10"}) {
            versions.add(MigrationVersion.parse(text));
        }
        Collections.sort(versions);
        assertEquals("[1, 1.2.3, 1.9, 1.10, 1.12.15, 2, 10, 17.1]", versions.toString());
    }

    @Test
    void underscoresAndDotsAreTheSameAndShownAsDots() {
        assertEquals(MigrationVersion.parse("1.10"), MigrationVersion.parse("1_10"));
        assertEquals("1.10", MigrationVersion.parse("1_10").toString());
        assertEquals("1.12.15", MigrationVersion.parse("1_12.15").toString());
        assertEquals("7", MigrationVersion.parse("007").toString());
    }

    @Test
    void trailingZerosMakeTheSameVersionAsFlywaySays() {
        assertEquals(MigrationVersion.of(1), MigrationVersion.parse("1.0"));
        assertEquals(MigrationVersion.of(1).hashCode(), MigrationVersion.parse("1.0.0").hashCode());
        assertEquals("1.0", MigrationVersion.parse("1.0").toString(), "shown as written");
        assertNotEquals(MigrationVersion.parse("1.01"), MigrationVersion.parse("1.1.0.1"));
        assertEquals(MigrationVersion.parse("1.01"), MigrationVersion.parse("1.1"));
    }

    @Test
    void wholeNumbersKeepTheirLongView() {
        MigrationVersion whole = MigrationVersion.of(20251119143022L);
        assertTrue(whole.isWhole());
        assertEquals(20251119143022L, whole.asLong());
        MigrationVersion parts = MigrationVersion.parse("17.1");
        assertFalse(parts.isWhole());
        assertEquals(17, parts.leadingPart());
        IllegalStateException notWhole = assertThrows(IllegalStateException.class, parts::asLong);
        assertEquals("The version 17.1 has parts; it is not a whole number", notWhole.getMessage());
    }

    @Test
    void malformedTextIsRefusedSayingWhatIsWrong() {
        assertNull(MigrationVersion.problemWith("1.10"));
        assertEquals("A migration version is a number, or numbers separated by dots or underscores (1.10, 1_10); it "
                + "is empty", MigrationVersion.problemWith(""));
        assertEquals("The version '1..2' has an empty part: write numbers separated by single dots or underscores, "
                + "like 1.10 or 1_10", MigrationVersion.problemWith("1..2"));
        assertEquals("The version '1.' has an empty part: write numbers separated by single dots or underscores, like "
                + "1.10 or 1_10", MigrationVersion.problemWith("1."));
        assertEquals("The version '1.a' has 'a' in it: a version is numbers separated by dots or underscores, like "
                + "1.10 or 1_10", MigrationVersion.problemWith("1.a"));
        assertEquals("The version '1.99999999999999999999' has a part larger than 9223372036854775807",
                MigrationVersion.problemWith("1.99999999999999999999"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> MigrationVersion.parse("-1"));
        assertTrue(refused.getMessage().contains("'-'"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MigrationVersion.of(-1));
    }
}
