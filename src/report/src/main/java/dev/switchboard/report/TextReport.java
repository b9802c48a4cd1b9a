package dev.switchboard.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable report on stdout: what was read, the totals, the session cost, the tables. */
final class TextReport {
    private static final List<String> COLUMNS = List.of(
            "requests",
            "attempts",
            "ok",
            "errors",
            "input",
            "output",
            "cache read",
            "cache write",
            "reasoning",
            "cost USD",
            "unpriced");

    private TextReport() {}

    static void print(PrintStream out, ReportOptions options, List<FileStats> files, UsageAggregator usage) {
        out.println("Switchboard usage report");
        RecordFilter f = options.filter();
        out.println("Period: "
                + (f.from() == null && f.to() == null
                        ? "all records"
                        : (f.from() == null ? "..." : f.from()) + " to " + (f.to() == null ? "..." : f.to())
                                + " (UTC, inclusive)"));
        out.println("Inputs:");
        for (FileStats s : files) {
            StringBuilder l =
                    new StringBuilder("  ").append(s.name()).append(": ").append(count(s.records(), "cost record"));
            if (s.malformed() > 0) l.append(", ").append(count(s.malformed(), "malformed line"));
            if (s.error() != null) {
                l.append(s.records() + s.malformed() == 0 ? ", NOT READ: " : ", NOT READ TO THE END: ")
                        .append(s.error());
            }
            out.println(l);
            for (String sample : s.samples()) out.println("      " + sample);
            if (s.malformed() > s.samples().size()) out.println("      ...");
        }
        out.println("Counted " + count(usage.total().attempts(), "attempt") + "; " + usage.filteredOut()
                + " outside the filters, " + usage.duplicates() + " duplicates skipped");
        out.println();
        Totals t = usage.total();
        out.println("Total: " + count(t.requests(), "request") + ", " + count(t.attempts(), "attempt") + " (" + t.ok()
                + " ok, " + count(t.errors(), "error") + "), cost USD " + cost(t) + ", unpriced: " + t.unpriced());
        if (t.unpriced() > 0) {
            out.println("  " + count(t.unpriced(), "attempt") + " with an unknown price: not in the cost above");
        }
        if (f.isSession()) printSession(out, f, t);
        for (Grouping g : options.tables()) {
            out.println();
            out.println("By " + g.label());
            out.print(table(g, usage).render());
            if (g == Grouping.TAG)
                out.println("(a record with several tags counts under each; the total counts it once)");
        }
    }

    private static void printSession(PrintStream out, RecordFilter f, Totals t) {
        List<String> what = new ArrayList<>();
        if (f.sessionPrefix() != null) what.add("request_id prefix \"" + f.sessionPrefix() + "\"");
        if (f.tag() != null) what.add("tag \"" + f.tag() + "\"");
        out.println();
        out.println("Session cost (" + String.join(", ", what) + ")");
        item(out, "requests", number(t.requests()));
        item(out, "attempts", number(t.attempts()) + " (" + t.ok() + " ok, " + count(t.errors(), "error") + ")");
        item(out, "input tokens", number(t.inputTokens()));
        item(out, "output tokens", number(t.outputTokens()));
        item(out, "cache read tokens", number(t.cacheReadTokens()));
        item(out, "cache write tokens", number(t.cacheWriteTokens()));
        item(out, "reasoning tokens", number(t.reasoningTokens()));
        item(out, "cost USD", cost(t));
        item(out, "unpriced", t.unpriced() + (t.unpriced() > 0 ? " (not in the cost)" : ""));
    }

    private static void item(PrintStream out, String label, String value) {
        out.println("  " + label + " ".repeat(Math.max(2, 20 - label.length())) + value);
    }

    private static TextTable table(Grouping g, UsageAggregator usage) {
        List<String> header = new ArrayList<>();
        header.add(g.label());
        header.addAll(COLUMNS);
        TextTable table = new TextTable(header);
        for (Map.Entry<String, Totals> row : usage.rows(g)) table.row(cells(row.getKey(), row.getValue()));
        table.separator();
        table.row(cells("TOTAL", usage.total()));
        return table;
    }

    private static List<String> cells(String key, Totals t) {
        return List.of(
                key,
                number(t.requests()),
                number(t.attempts()),
                number(t.ok()),
                number(t.errors()),
                number(t.inputTokens()),
                number(t.outputTokens()),
                number(t.cacheReadTokens()),
                number(t.cacheWriteTokens()),
                number(t.reasoningTokens()),
                cost(t),
                number(t.unpriced()));
    }

    private static String cost(Totals t) {
        return t.costUnknown() ? "unknown" : Money.format(t.costUsd());
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String count(long n, String noun) {
        return number(n) + " " + noun + (n == 1 ? "" : "s");
    }
}
