package dev.cairn.cli;

import dev.cairn.runtime.BatchedMigration;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code migrate}'s {@code --batch-size N}, {@code --batch-pause DURATION} and
 * {@code --batch-time-limit DURATION}: checked when the command line is read (a typo is a usage
 * error that never reaches the database), then handed to the {@link Migrator.Builder}.
 */
final class BatchOptions {
    static final String SIZE = "--batch-size";
    static final String PAUSE = "--batch-pause";
    static final String TIME_LIMIT = "--batch-time-limit";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    private final Integer size;
    private final Duration pause;
    private final Duration timeLimit;

    private BatchOptions(Integer size, Duration pause, Duration timeLimit) {
        this.size = size;
        this.pause = pause;
        this.timeLimit = timeLimit;
    }

    static BatchOptions of(ParsedArguments arguments) {
        Integer size = null;
        if (arguments.value(SIZE).isPresent()) {
            String text = arguments.value(SIZE).get().trim();
            try {
                size = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                size = 0;
            }
            if (size < 1) {
                throw new UsageException(SIZE + " expects the rows of one batch, a whole number of at least 1, not '"
                        + arguments.value(SIZE).get() + "'. Example: " + SIZE + " 500.");
            }
        }
        Duration pause = arguments.value(PAUSE).map(text -> duration(PAUSE, text, true)).orElse(null);
        Duration limit = arguments.value(TIME_LIMIT).map(text -> duration(TIME_LIMIT, text, false)).orElse(null);
        return new BatchOptions(size, pause, limit);
    }

    /** Whether any of the three options was given. */
    boolean any() {
        return size != null || pause != null || timeLimit != null;
    }

    Optional<Duration> timeLimit() {
        return Optional.ofNullable(timeLimit);
    }

    /**
     * Sets the options on {@code builder}: each one overrides only its part of every batched
     * migration's own {@link BatchedMigration#batchSettings()}.
     */
    Migrator.Builder applyTo(Migrator.Builder builder, Registry registry) {
        if (size != null) {
            builder.batchSize(size);
        }
        if (pause != null) {
            builder.batchPause(pause);
        }
        if (timeLimit != null) {
            builder.batchTimeLimit(timeLimit);
        }
        return builder;
    }

    /**
     * A duration as operators write it: a whole number and a unit, {@code ms}, {@code s},
     * {@code m} or {@code h} ({@code 200ms}, {@code 1s}, {@code 10m}).
     */
    static Duration duration(String option, String text, boolean zeroAllowed) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new UsageException(option + " expects a duration, a whole number and a unit (ms, s, m or h) "
                    + "such as 200ms, 1s or 10m, not '" + text + "'.");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration;
        switch (matcher.group(2)) {
            case "ms":
                duration = Duration.ofMillis(amount);
                break;
            case "s":
                duration = Duration.ofSeconds(amount);
                break;
            case "m":
                duration = Duration.ofMinutes(amount);
                break;
            default:
                duration = Duration.ofHours(amount);
        }
        if (duration.isZero() && !zeroAllowed) {
            throw new UsageException(option + " must be longer than 0, not '" + text + "'; leave it out for no limit.");
        }
        return duration;
    }

    /** The three options as declared for {@code --help}. */
    static OptionSpec[] specs() {
        return new OptionSpec[] {
            OptionSpec.withValue(SIZE, "N", "Batched migrations: rows a batch (overrides each one's own)"),
            OptionSpec.withValue(PAUSE, "DURATION",
                    "Batched migrations: pause after each batch, e.g. 200ms (overrides each one's own)"),
            OptionSpec.withValue(TIME_LIMIT, "DURATION",
                    "Batched migrations: stop after the batch that passes DURATION, e.g. 10m; "
                            + "migrate again resumes")
        };
    }
}
