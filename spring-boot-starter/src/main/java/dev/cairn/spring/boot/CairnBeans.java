package dev.cairn.spring.boot;

import java.util.Objects;
import org.springframework.beans.factory.BeanFactory;

/**
 * Spring beans for Java migrations. The generated registry keeps creating each migration with plain
 * {@code new} (no reflection, the class loaded only when it is about to run), so a migration cannot get
 * beans through its constructor; while the starter runs the migrations at start-up, the migration asks
 * for them here instead. Cairn runs migrations on the thread that called it, so the beans are bound to
 * that thread for exactly that run.
 *
 * <pre>{@code
 * @Migration(version = 7)
 * public class HashLegacyPasswords implements JavaMigration {
 *     @Override
 *     public void up(MigrationContext context) throws Exception {
 *         PasswordEncoder encoder = CairnBeans.get(PasswordEncoder.class);
 *         // read, encode, update through context.connection()
 *     }
 * }
 * }</pre>
 *
 * <p>Such a migration runs only inside the Spring application: run from the CLI or a plain
 * {@code Migrator}, {@link #get} throws, and the migration fails with a message saying so (nothing of
 * it is committed). Code that calls {@code Migrator.migrate()} itself later on (a job, a command) wraps
 * the call in {@link #run(BeanFactory, Runnable)}.
 */
public final class CairnBeans {

    private static final ThreadLocal<BeanFactory> CURRENT = new ThreadLocal<>();

    private CairnBeans() {
    }

    /**
     * The bean of this type in the application running the migrations.
     *
     * @throws IllegalStateException when no Spring application runs migrations on this thread
     */
    public static <T> T get(Class<T> type) {
        return current(type.getName()).getBean(type);
    }

    /** The bean of this name and type in the application running the migrations. */
    public static <T> T get(String name, Class<T> type) {
        return current(name).getBean(name, type);
    }

    /** Runs {@code action} (usually a {@code Migrator} call) with {@code beans} reachable from migrations. */
    public static void run(BeanFactory beans, Runnable action) {
        Objects.requireNonNull(beans, "beans");
        BeanFactory previous = CURRENT.get();
        CURRENT.set(beans);
        try {
            action.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    private static BeanFactory current(String wanted) {
        BeanFactory beans = CURRENT.get();
        if (beans == null) {
            throw new IllegalStateException("A migration asked for the Spring bean " + wanted + ", but no Spring "
                    + "application is running migrations on this thread. Such a migration runs only when the Cairn "
                    + "starter migrates at start-up, or inside CairnBeans.run(beanFactory, ...); the CLI and a plain "
                    + "Migrator cannot give it Spring beans.");
        }
        return beans;
    }
}
