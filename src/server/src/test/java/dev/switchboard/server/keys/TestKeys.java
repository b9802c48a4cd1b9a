package dev.switchboard.server.keys;

import dev.switchboard.auth.ApiKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/** Gateway keys made up for one test JVM, and the config that registers their hashes. */
final class TestKeys {
    static final String OPEN = ApiKeys.generate("open1");
    static final String RPM = ApiKeys.generate("rpm2");
    static final String BUDGET = ApiKeys.generate("budget1");
    static final String ADMIN = ApiKeys.generate("admin");

    private TestKeys() {}

    /** Every key string, for checks that none leaked into logs or cost records. */
    static String[] all() {
        return new String[] {OPEN, RPM, BUDGET, ADMIN};
    }

    static Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("switchboard.auth.mode", "keys");
        c.put("switchboard.auth.admin-key-hash", ApiKeys.hash(ADMIN));
        key(c, "open1", OPEN);
        c.put("switchboard.auth.keys.open1.tenant", "acme");
        c.put("switchboard.auth.keys.open1.models", "emu/*,emu-default,emu-anthropic/*");
        c.put("switchboard.auth.keys.open1.tags", "team-a");
        key(c, "rpm2", RPM);
        c.put("switchboard.auth.keys.rpm2.limits.requests-per-minute", "2");
        key(c, "budget1", BUDGET);
        c.put("switchboard.auth.keys.budget1.tenant", "beta");
        // one priced call (emu/emulator-priced, max_tokens 16) costs ~USD 0.00008: two fit, the third is refused
        c.put("switchboard.auth.keys.budget1.budget.usd-per-day", "0.0001");
        return c;
    }

    private static void key(Map<String, String> c, String id, String key) {
        c.put("switchboard.auth.keys." + id + ".hash", ApiKeys.hash(key));
    }
}
