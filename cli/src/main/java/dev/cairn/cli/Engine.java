package dev.cairn.cli;

import dev.cairn.runtime.MigrationListener;
import dev.cairn.runtime.Migrator;

/**
 * Builds the {@link Migrator} a command runs on, from the resolved database target. The one
 * place where command-line settings meet the engine's builder.
 */
final class Engine {
    private Engine() {
    }

    static Migrator migrator(Invocation invocation) {
        return migrator(invocation, null);
    }

    static Migrator migrator(Invocation invocation, MigrationListener listener) {
        DatabaseTarget database = invocation.requireDatabase();
        Migrator.Builder builder = Migrator.builder(invocation.registry());
        if (database.user().isPresent() || database.password().isPresent()) {
            builder.jdbcUrl(database.url(), database.user().orElse(null), database.password().orElse(null));
        } else {
            builder.jdbcUrl(database.url());
        }
        if (listener != null) {
            builder.listener(listener);
        }
        return builder.build();
    }
}
