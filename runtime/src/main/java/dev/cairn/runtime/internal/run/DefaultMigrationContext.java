package dev.cairn.runtime.internal.run;

import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.MigrationDescriptor;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** The {@link MigrationContext} a running migration receives: its connection, and progress routed to listeners and the log. */
public final class DefaultMigrationContext implements MigrationContext {

    private static final System.Logger LOG = System.getLogger("dev.cairn");

    private final Connection connection;
    private final MigrationDescriptor migration;
    private final Listeners listeners;

    public DefaultMigrationContext(Connection connection, MigrationDescriptor migration, Listeners listeners) {
        this.connection = connection;
        this.migration = migration;
        this.listeners = listeners;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public int execute(String sql, Object... parameters) throws SQLException {
        if (parameters == null || parameters.length == 0) {
            // A plain statement: drivers accept several statements and DDL here without preparing.
            try (Statement statement = connection.createStatement()) {
                return statement.execute(sql) ? -1 : statement.getUpdateCount();
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.execute() ? -1 : statement.getUpdateCount();
        }
    }

    @Override
    public MigrationDescriptor migration() {
        return migration;
    }

    @Override
    public void progress(String message) {
        LOG.log(Level.INFO, "Migration {0}: {1}", migration, message);
        listeners.progress(migration, message);
    }
}
