package dev.cairn.runtime;

/**
 * The database does not agree with the application's migrations; nothing was applied. Carries
 * the whole {@link ValidationReport}, every problem at once, and its message lists them all.
 *
 * <pre>{@code
 * try {
 *     migrator.migrate();
 * } catch (ValidationException e) {
 *     for (ValidationProblem problem : e.report().problems()) {
 *         System.err.println(problem.kind() + ": " + problem.message());
 *     }
 * }
 * }</pre>
 */
public class ValidationException extends CairnException {

    private static final long serialVersionUID = 1L;

    private final transient ValidationReport report;

    /** Creates the exception for a report with at least one problem. */
    ValidationException(ValidationReport report) {
        this(headline(report), report);
    }

    /** For subclasses with a more specific headline; the problems are appended to it. */
    protected ValidationException(String headline, ValidationReport report) {
        super(headline + System.lineSeparator() + report.describeProblems());
        this.report = report;
    }

    /** Every problem found. */
    public ValidationReport report() {
        return report;
    }

    private static String headline(ValidationReport report) {
        return "Validation found " + report.problems().size() + " problem(s) between the application's migrations and "
                + "the database; nothing was applied. Fix them (repair() realigns checksums of deliberately edited "
                + "migrations) and run again:";
    }
}
