package dev.cairn.benchmarks;

import dev.cairn.benchmarks.control.NoOpProcessor;
import dev.cairn.benchmarks.control.OneFileProcessor;

/**
 * How B4 runs javac on the Cairn workload. Besides "without" and "with the Cairn processor", two
 * control processors split the difference: what javac charges for having any processor at all,
 * and what it charges for a processor that generates a source file, whatever that file holds.
 *
 * <pre>{@code
 * List<String> command = tools.javacCommand(sources, classes, classpath, CompileMode.ONE_FILE_PROCESSOR);
 * }</pre>
 */
public enum CompileMode {
    WITHOUT_PROCESSOR("javac without processor", "javac -proc:none", null),
    NO_OP_PROCESSOR("javac with a no-op processor", "+ a processor that does nothing", NoOpProcessor.class),
    ONE_FILE_PROCESSOR("javac with a one-file processor", "+ a processor that writes one empty class",
            OneFileProcessor.class),
    CAIRN_PROCESSOR("javac with Cairn processor", "+ Cairn processor", null);

    private final String resultLabel;
    private final String columnTitle;
    private final Class<?> controlProcessor;

    CompileMode(String resultLabel, String columnTitle, Class<?> controlProcessor) {
        this.resultLabel = resultLabel;
        this.columnTitle = columnTitle;
        this.controlProcessor = controlProcessor;
    }

    /** The contender label of this mode's rows in results.csv. */
    public String resultLabel() {
        return resultLabel;
    }

    /** The column title in the B4 table. */
    public String columnTitle() {
        return columnTitle;
    }

    /** The control processor class this mode runs, or null for none / Cairn's own. */
    Class<?> controlProcessor() {
        return controlProcessor;
    }
}
