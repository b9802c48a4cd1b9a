package dev.switchboard.core.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * Caps on the text a cost record carries, counted in the bytes a JSON line spends on it (UTF-8, escapes), so a
 * line stays under 8 KB in every format whatever the caller sent: CloudWatch and Cloud Logging drop larger events,
 * and the cost with them. The front doors already bound what callers send (model 256 characters of a safe charset,
 * 20 tags of 100 characters, user 256); these caps hold for every producer of records (batch, library use).
 * A cut value ends in {@value #CUT_MARK}, so it is never taken for a whole one.
 */
public final class CostLineBounds {
    public static final int MAX_ID_BYTES = 128;
    public static final int MAX_NAME_BYTES = 256;
    public static final int MAX_SHORT_BYTES = 64;
    public static final int MAX_TAG_BYTES = 800;
    public static final int MAX_TAGS_BYTES = 3000;
    public static final int MAX_TAGS = 21;
    public static final String CUT_MARK = "...";

    private CostLineBounds() {}

    static List<String> tags(List<String> tags) {
        if (tags == null) return List.of();
        List<String> out = new ArrayList<>(Math.min(tags.size(), MAX_TAGS));
        int budget = MAX_TAGS_BYTES;
        for (String t : tags) {
            if (out.size() == MAX_TAGS) break;
            if (t == null) continue;
            String bounded = text(t, MAX_TAG_BYTES);
            budget -= jsonBytes(bounded);
            if (budget < 0) break;
            out.add(bounded);
        }
        return List.copyOf(out);
    }

    /** {@code v}, cut to at most {@code maxBytes} as the content of a JSON string (escapes counted). */
    static String text(String v, int maxBytes) {
        if (v == null) return null;
        // the common case, a value within bounds, is returned as it is: no copy per record and field
        if (v.length() <= maxBytes && jsonBytes(v) - 3 <= maxBytes) return v;
        StringBuilder out = new StringBuilder(Math.min(v.length(), maxBytes));
        int used = 0;
        int keep = maxBytes - CUT_MARK.length();
        int keptLength = -1;
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            int cost = cost(cp);
            if (used + cost > keep && keptLength < 0) keptLength = out.length();
            if (used + cost > maxBytes) {
                out.setLength(keptLength);
                return out.append(CUT_MARK).toString();
            }
            out.appendCodePoint(cp);
            used += cost;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static int jsonBytes(String s) {
        int n = 3; // quotes and a comma
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            n += cost(cp);
            i += Character.charCount(cp);
        }
        return n;
    }

    private static int cost(int cp) {
        if (cp < 0x20) return 6; // \u0001; \n and friends take 2, counted as 6 all the same
        if (cp == '"' || cp == '\\') return 2;
        if (cp < 0x80) return 1;
        if (cp < 0x800) return 2;
        return cp < 0x10000 ? 3 : 4;
    }
}
