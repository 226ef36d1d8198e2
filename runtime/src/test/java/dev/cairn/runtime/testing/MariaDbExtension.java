package dev.cairn.runtime.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a fresh database on the shared test server ({@link MariaDbServer#shared()}),
 * skipping the test without MariaDB, or failing it when {@code CI=true}.
 *
 * <pre>{@code
 * @ExtendWith(MariaDbExtension.class)
 * class SomethingTest {
 *     @Test
 *     void works(MariaDbServer.Database database) { ... database.dataSource() ... }
 * }
 * }</pre>
 */
public final class MariaDbExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MariaDbServer.Database.class || type == MariaDbServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        MariaDbServer server = MariaDbServer.shared();
        return parameter.getParameter().getType() == MariaDbServer.class ? server : server.createDatabase();
    }
}
