package dev.cairn.runtime.internal.run;

import dev.cairn.runtime.BatchProgress;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationListener;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * Calls the registered listeners. A listener that throws is logged and ignored: a broken metrics
 * hook must not roll back migrations that succeeded.
 */
public final class Listeners {

    private static final System.Logger LOG = System.getLogger("dev.cairn");

    private final List<MigrationListener> listeners;

    public Listeners(List<MigrationListener> listeners) {
        this.listeners = listeners;
    }

    public void before(MigrationDescriptor migration) {
        for (MigrationListener listener : listeners) {
            try {
                listener.beforeMigration(migration);
            } catch (RuntimeException e) {
                ignored(listener, e);
            }
        }
    }

    public void after(MigrationDescriptor migration, Duration took) {
        for (MigrationListener listener : listeners) {
            try {
                listener.afterMigration(migration, took);
            } catch (RuntimeException e) {
                ignored(listener, e);
            }
        }
    }

    public void failed(MigrationDescriptor migration, Throwable failure) {
        for (MigrationListener listener : listeners) {
            try {
                listener.migrationFailed(migration, failure);
            } catch (RuntimeException e) {
                ignored(listener, e);
            }
        }
    }

    public void batchCommitted(MigrationDescriptor migration, BatchProgress progress) {
        for (MigrationListener listener : listeners) {
            try {
                listener.batchCommitted(migration, progress);
            } catch (RuntimeException e) {
                ignored(listener, e);
            }
        }
    }

    public void progress(MigrationDescriptor migration, String message) {
        for (MigrationListener listener : listeners) {
            try {
                listener.progress(migration, message);
            } catch (RuntimeException e) {
                ignored(listener, e);
            }
        }
    }

    private static void ignored(MigrationListener listener, RuntimeException e) {
        LOG.log(Level.WARNING, "MigrationListener " + listener.getClass().getName() + " threw; ignored", e);
    }
}
