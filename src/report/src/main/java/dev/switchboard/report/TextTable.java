package dev.switchboard.report;

import java.util.ArrayList;
import java.util.List;

/** A plain aligned text table: the first column left-aligned, the numbers right-aligned. */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Integer> separators = new ArrayList<>();

    TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    void row(List<String> cells) {
        if (cells.size() != header.size()) throw new IllegalArgumentException("row width " + cells.size());
        rows.add(List.copyOf(cells));
    }

    /** A rule before the next row (e.g. above the total). */
    void separator() {
        separators.add(rows.size());
    }

    String render() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) width[c] = Math.max(width[c], r.get(c).length());
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width);
        rule(out, width);
        for (int i = 0; i < rows.size(); i++) {
            if (separators.contains(i)) rule(out, width);
            line(out, rows.get(i), width);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) l.append("  ");
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            l.append(c == 0 ? cell + pad : pad + cell);
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }

    private static void rule(StringBuilder out, int[] width) {
        int total = 0;
        for (int w : width) total += w;
        out.append("-".repeat(total + 2 * (width.length - 1))).append('\n');
    }
}
