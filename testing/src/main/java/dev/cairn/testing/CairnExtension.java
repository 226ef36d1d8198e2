package dev.cairn.testing;

import dev.cairn.runtime.Registry;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test method a {@link MigrationTester} on a fresh database
 * and removes that database after the test, passed or failed.
 *
 * <pre>{@code
 * class MigrationsTest {
 *     @RegisterExtension
 *     static CairnExtension cairn = CairnExtension.sqlite(MigrationRegistry.INSTANCE);
 *
 *     @Test
 *     void everyDownUndoesItsUp(MigrationTester tester) {
 *         tester.assertEveryMigrationRoundTrips();
 *     }
 * }
 * }</pre>
 */
public final class CairnExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CairnExtension.class);

    /** Opens the database of one test. */
    @FunctionalInterface
    public interface TesterFactory {
        MigrationTester open();
    }

    private final TesterFactory factory;

    private CairnExtension(TesterFactory factory) {
        this.factory = factory;
    }

    /** Each test on a new temporary SQLite file. */
    public static CairnExtension sqlite(Registry registry) {
        Objects.requireNonNull(registry, "registry");
        return new CairnExtension(() -> MigrationTester.sqlite(registry));
    }

    /** Each test on a new schema of the PostgreSQL database at {@code url}, dropped after it. */
    public static CairnExtension postgres(Registry registry, String url, String user, String password) {
        Objects.requireNonNull(registry, "registry");
        return new CairnExtension(() -> MigrationTester.postgres(registry, url, user, password));
    }

    /** Each test on what {@code factory} opens (closed after the test). */
    public static CairnExtension of(TesterFactory factory) {
        return new CairnExtension(Objects.requireNonNull(factory, "factory"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MigrationTester.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        MigrationTester tester = store.get(MigrationTester.class, MigrationTester.class);
        if (tester == null) {
            try {
                tester = factory.open();
            } catch (RuntimeException e) {
                throw new ParameterResolutionException("Cairn could not open the test database: " + e.getMessage(), e);
            }
            store.put(MigrationTester.class, tester);
        }
        return tester;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        MigrationTester tester = context.getStore(NAMESPACE).remove(MigrationTester.class, MigrationTester.class);
        if (tester != null) {
            tester.close();
        }
    }
}
