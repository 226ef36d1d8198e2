package dev.cairn.runtime.internal.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs one task per tenant on a fixed number of worker threads. Workers take the next tenant from
 * a shared counter rather than from a queue of submitted tasks, so the memory of a run is the list
 * of tenants and the results, whatever the size of the fleet. Each worker keeps its own
 * {@link Worker} (the PostgreSQL connection it reuses for schemas of one database) and closes it
 * when the list is done.
 *
 * <p>Fail-fast stops handing out tenants after the first failure; tenants already started finish,
 * and those never started get {@code notRun}'s result. Results are in the order of the targets.
 *
 * <pre>{@code
 * List<Result> results = FleetExecutor.run(targets, 4, false, (target, worker) -> migrate(target, worker),
 *         Result::failed, Result::notRun, (result, done, total) -> print(done + "/" + total));
 * }</pre>
 */
public final class FleetExecutor {

    /** The work for one tenant; it must catch its own failures and return them as a result. */
    public interface Task<R> {
        R run(FleetTarget target, Worker worker);
    }

    /** Told of each finished tenant, one call at a time, in the order they finish. */
    public interface Progress<R> {
        void finished(R result, int done, int total);
    }

    private FleetExecutor() {
    }

    /**
     * Runs {@code task} for every target with at most {@code parallelism} at once and returns the
     * results in the targets' order. An exception that escapes a task or {@code progress} (an
     * {@link Error}, a listener's exception) stops the run and is rethrown once every worker has
     * stopped.
     */
    public static <R> List<R> run(List<FleetTarget> targets, int parallelism, boolean failFast, Task<R> task,
            Predicate<R> failed, Function<FleetTarget, R> notRun, Progress<R> progress) {
        int total = targets.size();
        Object[] results = new Object[total];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Object progressLock = new Object();
        int[] done = {0};
        Throwable[] fatal = {null};
        Runnable work = () -> {
            try (Worker worker = new Worker()) {
                while (!stop.get()) {
                    int index = next.getAndIncrement();
                    if (index >= total) {
                        return;
                    }
                    try {
                        R result = task.run(targets.get(index), worker);
                        results[index] = result;
                        if (failed.test(result)) {
                            worker.discardConnections(); // a failure may have left the session in any state
                            if (failFast) {
                                stop.set(true);
                            }
                        }
                        synchronized (progressLock) {
                            done[0]++;
                            progress.finished(result, done[0], total);
                        }
                    } catch (RuntimeException | Error e) {
                        // A task returns its failures; what escapes is a listener's or the JVM's: stop the run.
                        synchronized (progressLock) {
                            if (fatal[0] == null) {
                                fatal[0] = e;
                            }
                        }
                        stop.set(true);
                        return;
                    }
                }
            }
        };
        int threads = Math.max(1, Math.min(parallelism, total));
        if (threads == 1) {
            work.run();
        } else {
            List<Thread> workers = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                Thread thread = new Thread(work, "cairn-fleet-" + (i + 1));
                thread.setDaemon(true);
                workers.add(thread);
                thread.start();
            }
            boolean interrupted = false;
            for (Thread thread : workers) {
                while (true) {
                    try {
                        thread.join();
                        break;
                    } catch (InterruptedException e) {
                        // Stop handing out tenants; those running finish their migration (never cut in half).
                        interrupted = true;
                        stop.set(true);
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (fatal[0] instanceof Error) {
            throw (Error) fatal[0];
        }
        if (fatal[0] != null) {
            throw (RuntimeException) fatal[0];
        }
        List<R> ordered = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            @SuppressWarnings("unchecked")
            R result = (R) results[i];
            ordered.add(result != null ? result : notRun.apply(targets.get(i)));
        }
        return ordered;
    }

    /** The default parallelism: the processors the JVM may use. */
    public static int defaultParallelism() {
        return Runtime.getRuntime().availableProcessors();
    }
}
