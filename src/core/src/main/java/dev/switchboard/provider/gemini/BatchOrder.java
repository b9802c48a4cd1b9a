package dev.switchboard.provider.gemini;

import dev.switchboard.core.nativebatch.NativeRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The order of a batch's line ids as compact runs ("1-500", "3-1,7"), short enough to keep with the job: line ids
 * are {@link NativeRequest#forLine} ids, and jobs are submitted in few runs.
 */
final class BatchOrder {
    private BatchOrder() {}

    /** The runs of {@code lineIds}, or null when one is not a line-number id. */
    static String encode(List<String> lineIds) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < lineIds.size()) {
            int start = NativeRequest.lineOf(lineIds.get(i));
            if (start < 0) return null;
            int end = start;
            int step = 0;
            int j = i + 1;
            while (j < lineIds.size()) {
                int next = NativeRequest.lineOf(lineIds.get(j));
                if (next < 0) return null;
                int d = next - end;
                if ((d != 1 && d != -1) || (step != 0 && d != step)) break;
                step = d;
                end = next;
                j++;
            }
            if (!out.isEmpty()) out.append(',');
            out.append(start);
            if (end != start) out.append('-').append(end);
            i = j;
        }
        return out.toString();
    }

    /** The line ids of {@link #encode}'s runs, or null for null or unreadable text. */
    static List<String> decode(String runs) {
        if (runs == null || runs.isEmpty()) return null;
        List<String> ids = new ArrayList<>();
        try {
            for (String run : runs.split(",")) {
                int dash = run.indexOf('-');
                int start = Integer.parseInt(dash < 0 ? run : run.substring(0, dash));
                int end = dash < 0 ? start : Integer.parseInt(run.substring(dash + 1));
                int step = end >= start ? 1 : -1;
                for (int n = start; ; n += step) {
                    ids.add(NativeRequest.forLine(n));
                    if (n == end) break;
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return ids;
    }
}
