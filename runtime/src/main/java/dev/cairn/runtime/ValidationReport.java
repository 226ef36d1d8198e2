package dev.cairn.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@link Migrator#validate()}: every problem found, not just the first.
 *
 * <pre>{@code
 * ValidationReport report = migrator.validate();
 * if (!report.isValid()) {
 *     report.problems().forEach(System.err::println);
 * }
 * }</pre>
 */
public final class ValidationReport {

    private final List<ValidationProblem> problems;

    /** Creates the report. */
    ValidationReport(List<ValidationProblem> problems) {
        this.problems = List.copyOf(problems);
    }

    /** Whether no problem was found. */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /** Every problem, in the registry's order of the migrations concerned. */
    public List<ValidationProblem> problems() {
        return problems;
    }

    /** The problems of one kind. */
    public List<ValidationProblem> problems(ValidationProblem.Kind kind) {
        List<ValidationProblem> matching = new ArrayList<>();
        for (ValidationProblem problem : problems) {
            if (problem.kind() == kind) {
                matching.add(problem);
            }
        }
        return matching;
    }

    /** One line per problem, for exception messages and logs. */
    public String describeProblems() {
        StringBuilder text = new StringBuilder();
        for (ValidationProblem problem : problems) {
            text.append("  - ").append(problem.message()).append(System.lineSeparator());
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return isValid() ? "valid" : describeProblems();
    }
}
