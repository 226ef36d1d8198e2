package dev.cairn.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test cluster itself: trusted by default, password-checked for roles made with a password. */
@ExtendWith(PostgresExtension.class)
class PostgresServerTest {

    @Test
    void roleWithAPasswordOwnsItsDatabaseAndMustGiveThatPassword(PostgresServer server) throws Exception {
        server.createRole("fixture_owner", "right-pw");
        PostgresServer.Database database = server.createDatabase("fixture_owner");

        try (Connection connection = DriverManager.getConnection(database.jdbcUrlWithoutUser(), "fixture_owner",
                "right-pw");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE owned (id INTEGER)");
            try (ResultSet user = statement.executeQuery("SELECT current_user")) {
                user.next();
                assertEquals("fixture_owner", user.getString(1));
            }
        }
        SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                database.jdbcUrlWithoutUser(), "fixture_owner", "wrong-pw"));
        assertEquals("28P01", wrong.getSQLState(), "invalid_password: " + wrong);
    }

    @Test
    void creatingTheSameRoleAgainSetsItsNewPassword(PostgresServer server) throws Exception {
        server.createRole("fixture_again", "first-pw");
        server.createRole("fixture_again", "second-pw");
        PostgresServer.Database database = server.createDatabase("fixture_again");

        try (Connection ignored = DriverManager.getConnection(database.jdbcUrlWithoutUser(), "fixture_again",
                "second-pw")) {
            // connected with the new password
        }
        assertThrows(SQLException.class, () -> DriverManager.getConnection(database.jdbcUrlWithoutUser(),
                "fixture_again", "first-pw"));
    }

    @Test
    void otherRolesStayTrustedWithoutAPassword(PostgresServer.Database database) throws Exception {
        try (Connection admin = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE fixture_trusted LOGIN");
        }
        try (Connection trusted = DriverManager.getConnection(database.jdbcUrlWithoutUser() + "?user=fixture_trusted")) {
            assertEquals(database.name(), trusted.getCatalog());
        }
    }
}
