package dev.switchboard.report;

import dev.switchboard.core.cost.CostRecord;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds records up: the overall totals and one table per grouping. The same attempt seen twice (overlapping
 * exports, or the same logs read from CloudWatch and from a local file) is counted once.
 */
final class UsageAggregator {
    private final RecordFilter filter;
    private final Set<String> seen = new HashSet<>();
    private final Totals total = new Totals();
    private final Map<Grouping, Map<String, Totals>> tables = new EnumMap<>(Grouping.class);
    private long duplicates;
    private long filteredOut;

    UsageAggregator(RecordFilter filter, List<Grouping> groupings) {
        this.filter = filter;
        groupings.forEach(g -> tables.put(g, new HashMap<>()));
    }

    void add(CostRecord r) {
        if (!filter.matches(r)) {
            filteredOut++;
            return;
        }
        if (!seen.add(identity(r))) {
            duplicates++;
            return;
        }
        total.add(r);
        tables.forEach((g, rows) -> g.keys(r)
                .forEach(k -> rows.computeIfAbsent(k, x -> new Totals()).add(r)));
    }

    /** One attempt of one request at one instant: a second line with all of this is the same record again. */
    private static String identity(CostRecord r) {
        return r.requestId()
                + '\u0000'
                + r.attempt()
                + '\u0000'
                + r.timestamp()
                + '\u0000'
                + r.provider()
                + '\u0000'
                + r.model()
                + '\u0000'
                + r.outcome();
    }

    Totals total() {
        return total;
    }

    /** The rows of one grouping: days in order, anything else by cost (highest first), then name. */
    List<Map.Entry<String, Totals>> rows(Grouping g) {
        Comparator<Map.Entry<String, Totals>> byKey = Map.Entry.comparingByKey();
        Comparator<Map.Entry<String, Totals>> order = g == Grouping.DAY
                ? byKey
                : Comparator.<Map.Entry<String, Totals>, BigDecimal>comparing(
                                e -> e.getValue().costUsd())
                        .reversed()
                        .thenComparing(Comparator.<Map.Entry<String, Totals>>comparingLong(
                                        e -> e.getValue().attempts())
                                .reversed())
                        .thenComparing(byKey);
        return tables.getOrDefault(g, Map.of()).entrySet().stream()
                .sorted(order)
                .toList();
    }

    long duplicates() {
        return duplicates;
    }

    long filteredOut() {
        return filteredOut;
    }
}
