package dev.switchboard.server.faults;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault-matrix server: one route per matrix cell plus the dedicated circuit and concurrency routes, all with
 * small limits so that the whole matrix runs in seconds. Providers come from the global
 * {@link dev.switchboard.server.e2e.EmulatorResource}.
 *
 * <p>Every matrix route: 2 tries per target, 5–20 ms backoff, Retry-After honored up to 1 s; an attempt may take
 * 1.2 s, a stream's first event must come within 0.5 s (limits far enough apart to tell which one fired on a busy
 * machine). Circuits open after 3 failures in a row (the failure-rate rule is pushed out of the way: it would need
 * 20 of the last 20) and probe again after 1 s. The concurrency route has roomy time limits: it is about
 * correctness under load, not about timing.
 */
public class FaultMatrixProfile implements QuarkusTestProfile {
    static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1200);
    static final Duration FIRST_TOKEN_TIMEOUT = Duration.ofMillis(500);
    static final Duration RETRY_AFTER_CAP = Duration.ofSeconds(1);
    static final int CONSECUTIVE_FAILURES = 3;
    static final Duration COOLDOWN = Duration.ofSeconds(1);

    /** Fails the first 3 requests, then answers; a healthy second target behind it. */
    static final String CIRCUIT_CHAT = "fm-circuit-chat";

    static final String CIRCUIT_STREAM = "fm-circuit-stream";
    /** One target that always fails: its probes fail too. */
    static final String CIRCUIT_REOPEN = "fm-circuit-reopen";
    /** Every stream breaks after "Hello from"; a healthy second target behind it. */
    static final String CIRCUIT_MID_STREAM = "fm-circuit-midstream";
    /** The first target fails every second request; the second is healthy. */
    static final String CONCURRENCY = "fm-concurrency";

    static final Map<String, List<String>> DEDICATED_ROUTES = Map.of(
            CIRCUIT_CHAT, List.of("emu/emulator-fault-503-first3-circuit1", "emu/emulator-ok-circuit1"),
            CIRCUIT_STREAM, List.of("emu/emulator-fault-503-first3-circuit2", "emu/emulator-ok-circuit2"),
            CIRCUIT_REOPEN, List.of("emu/emulator-fault-500-circuit3"),
            CIRCUIT_MID_STREAM, List.of("emu/emulator-cut3-circuit4", "emu/emulator-ok-circuit4"),
            CONCURRENCY, List.of("emu/emulator-fault-500-every2-concurrency", "emu/emulator-ok-concurrency"));

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new LinkedHashMap<>();
        // a random port: other test runs on this machine may hold the default one
        c.put("quarkus.http.test-port", "0");
        c.put("switchboard.timeouts.request", "2s");
        c.put("switchboard.timeouts.idle", "1s");
        c.put("switchboard.circuit-breaker.consecutive-failures", String.valueOf(CONSECUTIVE_FAILURES));
        c.put("switchboard.circuit-breaker.failure-rate", "1.0");
        c.put("switchboard.circuit-breaker.window", "20");
        c.put("switchboard.circuit-breaker.min-calls", "20");
        c.put("switchboard.circuit-breaker.cooldown", COOLDOWN.toMillis() + "ms");
        c.put("switchboard.circuit-breaker.max-cooldown", "4s");
        for (Cell cell : Cell.all()) {
            route(c, cell.route(), cell.targets(), cell.topology() == Cell.Topology.CROSS_PROVIDER);
        }
        DEDICATED_ROUTES.forEach((name, targets) -> route(c, name, targets, false));
        c.put("switchboard.routes." + CONCURRENCY + ".timeouts.attempt", "20s");
        c.put("switchboard.routes." + CONCURRENCY + ".timeouts.first-token", "20s");
        return c;
    }

    private static void route(Map<String, String> c, String name, List<String> targets, boolean crossProvider) {
        String key = "switchboard.routes." + name + ".";
        c.put(key + "targets", String.join(",", targets));
        c.put(key + "cross-provider", String.valueOf(crossProvider));
        c.put(key + "retry.max-attempts", String.valueOf(Fault.MAX_ATTEMPTS));
        c.put(key + "retry.base-delay", "5ms");
        c.put(key + "retry.max-delay", "20ms");
        c.put(key + "retry.retry-after-cap", RETRY_AFTER_CAP.toMillis() + "ms");
        c.put(key + "timeouts.attempt", ATTEMPT_TIMEOUT.toMillis() + "ms");
        c.put(key + "timeouts.first-token", FIRST_TOKEN_TIMEOUT.toMillis() + "ms");
    }
}
