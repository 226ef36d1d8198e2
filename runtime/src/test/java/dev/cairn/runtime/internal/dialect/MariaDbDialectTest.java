package dev.cairn.runtime.internal.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The parts of the MariaDB/MySQL dialect that need no server: the version rule and the lock's name. */
class MariaDbDialectTest {

    private static final int[] MARIADB = {10, 6};
    private static final int[] MYSQL = {8, 0};

    @Test
    void versionsAreComparedByMajorAndMinorAsTheServerReportsThem() {
        assertTrue(MariaDbDialect.atLeast("10.11.18-MariaDB-0+deb12u1", MARIADB));
        assertTrue(MariaDbDialect.atLeast("10.6.0-MariaDB", MARIADB));
        assertTrue(MariaDbDialect.atLeast("11.4.2-MariaDB", MARIADB));
        assertFalse(MariaDbDialect.atLeast("10.5.27-MariaDB", MARIADB));
        assertFalse(MariaDbDialect.atLeast("5.5.68-MariaDB", MARIADB));
        assertTrue(MariaDbDialect.atLeast("8.0.36", MYSQL));
        assertTrue(MariaDbDialect.atLeast("9.1.0-commercial", MYSQL));
        assertFalse(MariaDbDialect.atLeast("5.7.44-log", MYSQL));
        assertTrue(MariaDbDialect.atLeast("unknown", MYSQL), "an unknown format is left to the server's own errors");
    }

    @Test
    void lockNameNamesTheTableOrHashesWhatMySqlWouldNotAccept() {
        assertEquals("cairn:shop.cairn_schema_history", MariaDbDialect.lockName("shop.cairn_schema_history"));
        assertEquals("cairn:shop.cairn_schema_history", MariaDbDialect.lockName("Shop.Cairn_Schema_History"));
        String longName = MariaDbDialect.lockName("a_database_with_a_rather_long_name.a_history_table_with_a_long_name");
        assertTrue(longName.startsWith("cairn:") && longName.length() <= 64, longName);
        assertFalse(longName.equals(MariaDbDialect.lockName(
                "a_database_with_a_rather_long_name.another_history_table_named_long")));
    }
}
