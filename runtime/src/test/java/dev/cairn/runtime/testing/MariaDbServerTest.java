package dev.cairn.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The test server itself: both drivers reach it, on loopback, and users with a password must give it. */
class MariaDbServerTest {

    @ParameterizedTest
    @EnumSource(MariaDbServer.Driver.class)
    void eachDriverReachesItsOwnFreshDatabase(MariaDbServer.Driver driver) throws Exception {
        MariaDbServer.Database database = MariaDbServer.shared().createDatabase();
        try (Connection connection = database.dataSource(driver).getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT DATABASE(), VERSION(), "
                        + "(SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE())")) {
            result.next();
            assertEquals(database.name(), result.getString(1));
            assertTrue(result.getString(2).contains("MariaDB"), result.getString(2));
            assertEquals(0, result.getInt(3));
        }
    }

    @ParameterizedTest
    @EnumSource(MariaDbServer.Driver.class)
    void userWithAPasswordMustGiveThatPassword(MariaDbServer.Driver driver) throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        MariaDbServer.Database database = server.createDatabase();
        server.createUser("fixture_user", "right-pw", database);

        try (Connection connection = DriverManager.getConnection(database.jdbcUrlWithoutUser(driver), "fixture_user",
                "right-pw");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE owned (id INTEGER)");
        }
        SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                database.jdbcUrlWithoutUser(driver), "fixture_user", "wrong-pw"));
        assertEquals(1045, wrong.getErrorCode(), "access denied: " + wrong);
    }
}
