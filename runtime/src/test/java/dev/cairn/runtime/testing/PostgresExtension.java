package dev.cairn.runtime.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a fresh database on the shared test cluster ({@link PostgresServer#shared()}),
 * skipping the test without PostgreSQL, or failing it when {@code CI=true}.
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class SomethingTest {
 *     @Test
 *     void works(PostgresServer.Database database) { ... database.dataSource() ... }
 * }
 * }</pre>
 */
public final class PostgresExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == PostgresServer.Database.class || type == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        PostgresServer server = PostgresServer.shared();
        return parameter.getParameter().getType() == PostgresServer.class ? server : server.createDatabase();
    }
}
