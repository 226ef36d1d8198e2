package dev.cairn.runtime;

import java.util.List;

/**
 * {@link Migrator#adoptFlyway()} found something in Flyway's history that it cannot take over
 * safely: a failed migration, a version this application does not have, an application migration
 * Flyway skipped, a dotted version, or no Flyway history at all. Nothing was recorded; the
 * message lists every problem at once and what to do about each.
 *
 * <pre>{@code
 * try {
 *     migrator.adoptFlyway();
 * } catch (FlywayAdoptionException e) {
 *     e.problems().forEach(System.err::println);
 * }
 * }</pre>
 */
public class FlywayAdoptionException extends CairnException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /** Creates the exception; {@code message} leads, one line per problem follows. */
    FlywayAdoptionException(String message, List<String> problems) {
        super(message + describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem found, one sentence each, in Flyway's order of installation. */
    public List<String> problems() {
        return problems;
    }

    private static String describe(List<String> problems) {
        StringBuilder text = new StringBuilder();
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return text.toString();
    }
}
