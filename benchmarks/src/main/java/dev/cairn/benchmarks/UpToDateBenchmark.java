package dev.cairn.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process cost of finding a database up to date once the JVM is warm: a contender's
 * generated {@code migrate(String[])} against a fully migrated database, called again and again.
 * Whole-process timing (B1) is what an application pays at start-up; this isolates the tool's own
 * work from JVM start and class loading.
 *
 * <p>The contender's program must be on the class path; {@link JmhUpToDate} runs this benchmark
 * once per contender with exactly that class path.
 *
 * <pre>{@code
 * java -cp benchmarks-classes:jmh-jars:raw-1000.jar:drivers dev.cairn.benchmarks.JmhUpToDate \
 *     bench.raw.RawMain jdbc:sqlite:/tmp/b1_raw_1000.db - result.txt
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UpToDateBenchmark {

    /** The generated program's class, for example {@code bench.cairn.CairnMain}. */
    @Param("bench.raw.RawMain")
    public String mainClass;

    /** The JDBC URL of a database that already has every migration applied. */
    @Param("jdbc:sqlite:up-to-date.db")
    public String url;

    /** The database user; {@code -} for none (SQLite). */
    @Param("-")
    public String user;

    private MethodHandle migrate;
    private String[] arguments;

    @Setup
    public void findProgram() throws ReflectiveOperationException {
        migrate = MethodHandles.publicLookup().findStatic(Class.forName(mainClass), "migrate",
                MethodType.methodType(void.class, String[].class));
        arguments = new String[] {url, "-".equals(user) ? "" : user};
    }

    @Benchmark
    public void findUpToDate() throws Throwable {
        migrate.invokeExact(arguments);
    }
}
