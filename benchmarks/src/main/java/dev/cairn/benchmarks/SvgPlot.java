package dev.cairn.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Draws start-up time against N, both on log scales, for each contender as a small dependency-free SVG,
 * with the min-max spread of each point as a vertical bar.
 *
 * <pre>{@code
 * Files.writeString(Path.of("docs/benchmarks.svg"), new SvgPlot(results, contenders).render("B1", "SQLite"));
 * }</pre>
 */
final class SvgPlot {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final String[] COLOURS = {"#1b7837", "#c51b7d", "#4d4d4d"};

    private final Results results;
    private final Set<Contender> contenders;

    SvgPlot(Results results, Set<Contender> contenders) {
        this.results = results;
        this.contenders = contenders;
    }

    String render(String benchmark, String database) {
        List<Integer> sizes = results.rows().stream()
                .filter(row -> row.benchmark().equals(benchmark) && row.database().equals(database))
                .map(Results.Row::n).distinct().sorted().toList();
        double maxMs = results.rows().stream()
                .filter(row -> row.benchmark().equals(benchmark) && row.database().equals(database)
                        && row.metric() == Results.Metric.WALL_MS)
                .mapToDouble(Results.Row::max).max().orElse(1);
        double minMs = results.rows().stream()
                .filter(row -> row.benchmark().equals(benchmark) && row.database().equals(database)
                        && row.metric() == Results.Metric.WALL_MS)
                .mapToDouble(Results.Row::min).min().orElse(1);
        // Log scale on both axes: the gap between two lines is their ratio, whatever N.
        double yLow = Math.log10(niceFloor(minMs));
        double yHigh = Math.log10(niceCeiling(maxMs));
        double minLog = Math.log10(sizes.isEmpty() ? 10 : sizes.get(0));
        double maxLog = Math.log10(sizes.isEmpty() ? 10_000 : sizes.get(sizes.size() - 1));
        if (maxLog == minLog) {
            maxLog = minLog + 1;
        }
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        java.util.function.DoubleUnaryOperator yOf =
                ms -> TOP + plotHeight - plotHeight * (Math.log10(ms) - yLow) / (yHigh - yLow);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">"
                + "%s: start-up when up to date, %s (whole process, median, min-max bars)</text>\n",
                LEFT, benchmark, database));
        for (int decade = (int) Math.floor(yLow); decade <= (int) Math.ceil(yHigh); decade++) {
            for (int step : new int[] {1, 2, 5}) {
                double value = step * Math.pow(10, decade);
                double logValue = Math.log10(value);
                if (logValue < yLow - 1e-9 || logValue > yHigh + 1e-9) {
                    continue;
                }
                double y = yOf.applyAsDouble(value);
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                                + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                        LEFT, y, LEFT + plotWidth, y, LEFT - 6, y + 4,
                        String.format(Locale.ROOT, "%,d", Math.round(value))));
            }
        }
        for (int n : sizes) {
            double x = LEFT + plotWidth * (Math.log10(n) - minLog) / (maxLog - minLog);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%,d</text>\n",
                    x, TOP, x, TOP + plotHeight, x, TOP + plotHeight + 18, n));
        }
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">N migrations (log scale)</text>\n",
                LEFT + plotWidth / 2, HEIGHT - 18));
        svg.append(String.format(Locale.ROOT,
                "<text transform=\"translate(16 %.1f) rotate(-90)\" text-anchor=\"middle\">ms (log scale)</text>\n",
                TOP + plotHeight / 2));
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#888\"/>\n",
                LEFT, TOP, plotWidth, plotHeight));

        int colour = 0;
        for (Contender contender : contenders) {
            String stroke = COLOURS[colour % COLOURS.length];
            List<String> points = new ArrayList<>();
            for (int n : sizes) {
                Optional<Results.Row> row = results.find(benchmark, database, contender.label(), n,
                        Results.Metric.WALL_MS);
                if (row.isEmpty()) {
                    continue;
                }
                double x = LEFT + plotWidth * (Math.log10(n) - minLog) / (maxLog - minLog);
                double y = yOf.applyAsDouble(row.get().median());
                double yMin = yOf.applyAsDouble(row.get().min());
                double yMax = yOf.applyAsDouble(row.get().max());
                points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
                                + "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n",
                        x, yMin, x, yMax, stroke, x, y, stroke));
            }
            if (!points.isEmpty()) {
                svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(stroke)
                        .append("\" points=\"").append(String.join(" ", points)).append("\"/>\n");
            }
            double legendY = TOP + 20 + colour * 22;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
                    LEFT + plotWidth + 15, legendY, LEFT + plotWidth + 40, legendY, stroke,
                    LEFT + plotWidth + 46, legendY + 4, contender.label()));
            colour++;
        }
        return svg.append("</svg>\n").toString();
    }

    /** The largest of 1, 2 or 5 times a power of ten that is at most {@code value}. */
    private static double niceFloor(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1e-9))));
        for (double step : new double[] {5, 2, 1}) {
            if (step * power <= value) {
                return step * power;
            }
        }
        return power;
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code value}. */
    private static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1e-9))));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
