package dev.cairn.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Median, minimum and maximum of repeated measurements. The median, not the mean: one run
 * disturbed by another process on a shared machine should not move the figure.
 *
 * <pre>{@code
 * Summary.of(List.of(30L, 10L, 20L)).median();  // 20
 * }</pre>
 */
public record Summary(double median, long min, long max, int runs) {

    /** Summarises at least one value. */
    public static Summary of(List<Long> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("Nothing to summarise: no successful run");
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int size = sorted.size();
        double median = size % 2 == 1
                ? sorted.get(size / 2)
                : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2.0;
        return new Summary(median, sorted.get(0), sorted.get(size - 1), size);
    }
}
