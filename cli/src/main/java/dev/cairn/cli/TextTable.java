package dev.cairn.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table whose columns are padded to their widest cell, for terminal output such as
 * {@code info}. Trailing spaces are trimmed so the output diffs cleanly.
 *
 * <pre>{@code
 * TextTable table = new TextTable("Version", "State");
 * table.row("1", "applied");
 * table.render(); // "Version  State\n-------  -------\n1        applied\n"
 * }</pre>
 */
final class TextTable {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = headers.clone();
    }

    TextTable row(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells, got " + Arrays.toString(cells));
        }
        rows.add(cells.clone());
        return this;
    }

    String render() {
        int[] widths = new int[headers.length];
        measure(widths, headers);
        for (String[] row : rows) {
            measure(widths, row);
        }
        StringBuilder out = new StringBuilder();
        line(out, widths, headers);
        String[] rules = new String[headers.length];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = "-".repeat(widths[i]);
        }
        line(out, widths, rules);
        for (String[] row : rows) {
            line(out, widths, row);
        }
        return out.toString();
    }

    private static void measure(int[] widths, String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            widths[i] = Math.max(widths[i], cells[i].length());
        }
    }

    private static void line(StringBuilder out, int[] widths, String[] cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(cells[i]);
            line.append(" ".repeat(widths[i] - cells[i].length()));
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        out.append(line, 0, end).append('\n');
    }
}
