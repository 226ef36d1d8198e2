package dev.cairn.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every figure of one run of the suite, kept together so that ratios are always taken between
 * figures measured in the same run, and written as CSV for anyone who wants to re-plot them.
 *
 * <pre>{@code
 * results.add("B1", "SQLite", Contender.CAIRN, 1000, Metric.WALL_MS, summary);
 * results.find("B1", "SQLite", Contender.RAW, 1000, Metric.WALL_MS);
 * }</pre>
 */
public final class Results {

    /** What a row measures, with its unit. */
    public enum Metric {
        WALL_MS("wall_ms", 1e-6),
        IN_PROCESS_MS("in_process_ms", 1e-6),
        PEAK_RSS_MB("peak_rss_mb", 1.0 / 1024),
        /** User plus system CPU time of the whole process, every thread (issue 18). */
        CPU_MS("cpu_ms", 1e-6),
        /** JMH average time per operation; min and max hold the 99.9% confidence interval. */
        JMH_MS("jmh_avg_ms", 1e-6),
        /** Classes the JVM loaded in one diagnostic run, from {@code -Xlog:class+load}. */
        CLASSES_LOADED("classes_loaded", 1);

        private final String column;
        private final double scale;

        Metric(String column, double scale) {
            this.column = column;
            this.scale = scale;
        }

        /** The metric's name in the CSV. */
        public String column() {
            return column;
        }

        /** The factor from the raw unit (nanoseconds, kilobytes) to the reported unit. */
        public double scale() {
            return scale;
        }
    }

    /** One summarised figure, in reported units. */
    public record Row(String benchmark, String database, String subject, int n, Metric metric, Summary summary) {
        double median() {
            return summary.median() * metric.scale();
        }

        double min() {
            return summary.min() * metric.scale();
        }

        double max() {
            return summary.max() * metric.scale();
        }
    }

    private final List<Row> rows = new ArrayList<>();

    /** Adds a figure; {@code subject} is a contender label or what was compiled. */
    public void add(String benchmark, String database, String subject, int n, Metric metric, Summary summary) {
        rows.add(new Row(benchmark, database, subject, n, metric, summary));
    }

    /** The figure for a subject, if it was measured in this run. */
    public Optional<Row> find(String benchmark, String database, String subject, int n, Metric metric) {
        return rows.stream().filter(row -> row.benchmark().equals(benchmark) && row.database().equals(database)
                && row.subject().equals(subject) && row.n() == n && row.metric() == metric).findFirst();
    }

    /** Every figure, in the order measured. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Writes every figure to a CSV file with one header line. */
    public void writeCsv(Path file) {
        StringBuilder csv = new StringBuilder("benchmark,database,subject,n,metric,median,min,max,runs\n");
        for (Row row : rows) {
            // Labels such as "raw JDBC, 1 tx per run" hold commas: quoted, as RFC 4180 reads them.
            csv.append(String.join(",", row.benchmark(), row.database(), "\"" + row.subject() + "\"",
                    Integer.toString(row.n()), row.metric().column(),
                    format(row.median()), format(row.min()), format(row.max()),
                    Integer.toString(row.summary().runs()))).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static String format(double value) {
        // Enough digits for sub-millisecond JMH figures without cluttering the large ones.
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 10 || magnitude == 0 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
