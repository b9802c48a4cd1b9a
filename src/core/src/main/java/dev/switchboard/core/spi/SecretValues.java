package dev.switchboard.core.spi;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every configured secret value of this process (provider keys, credential headers), so upstream texts can be
 * cleaned of them verbatim: patterns catch the key formats known today, this catches every key, whatever its shape.
 * Process-wide on purpose: an error text may surface far from the provider that holds the key.
 */
public final class SecretValues {
    /** Shorter values are not redacted: they would match ordinary words and hide more than they protect. */
    static final int MIN_LENGTH = 8;

    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private SecretValues() {}

    public static void register(String secret) {
        if (secret == null) return;
        String v = secret.strip();
        if (v.length() >= MIN_LENGTH) VALUES.add(v);
        // "Bearer <key>" as a header value: the key alone must go too
        int space = v.lastIndexOf(' ');
        if (space > 0 && v.length() - space - 1 >= MIN_LENGTH) VALUES.add(v.substring(space + 1));
    }

    /** {@code text} with every registered secret replaced by {@code [redacted]}. */
    public static String redact(String text) {
        if (text == null || VALUES.isEmpty()) return text;
        String out = text;
        for (String v : VALUES) {
            if (out.contains(v)) out = out.replace(v, "[redacted]");
        }
        return out;
    }
}
