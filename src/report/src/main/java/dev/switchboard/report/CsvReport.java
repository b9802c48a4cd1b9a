package dev.switchboard.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** The grouped totals as CSV: one row per group of each table, then the overall total. Raw numbers, full precision. */
final class CsvReport {
    static final List<String> HEADER = List.of(
            "group_by",
            "group",
            "requests",
            "attempts",
            "ok",
            "errors",
            "input_tokens",
            "output_tokens",
            "cache_read_tokens",
            "cache_write_tokens",
            "reasoning_tokens",
            "cost_usd",
            "unpriced_attempts");

    private CsvReport() {}

    static void write(Writer out, List<Grouping> tables, UsageAggregator usage) throws IOException {
        line(out, HEADER);
        for (Grouping g : tables) {
            for (Map.Entry<String, Totals> row : usage.rows(g))
                line(out, cells(g.label(), row.getKey(), row.getValue()));
        }
        line(out, cells("total", "", usage.total()));
    }

    private static List<String> cells(String groupBy, String key, Totals t) {
        return List.of(
                groupBy,
                key,
                Long.toString(t.requests()),
                Long.toString(t.attempts()),
                Long.toString(t.ok()),
                Long.toString(t.errors()),
                Long.toString(t.inputTokens()),
                Long.toString(t.outputTokens()),
                Long.toString(t.cacheReadTokens()),
                Long.toString(t.cacheWriteTokens()),
                Long.toString(t.reasoningTokens()),
                t.costUsd().toPlainString(),
                Long.toString(t.unpriced()));
    }

    private static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.write(',');
            out.write(escape(cells.get(i)));
        }
        out.write('\n'); // LF rather than RFC 4180 CRLF: friendlier to shell tools, and spreadsheets take either
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is also quoted away from spreadsheet formula evaluation. */
    static String escape(String cell) {
        String c = cell;
        if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?\\d+(\\.\\d+)?")) c = "'" + c;
        if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
            return '"' + c.replace("\"", "\"\"") + '"';
        }
        return c;
    }
}
