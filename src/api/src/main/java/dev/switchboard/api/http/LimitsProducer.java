package dev.switchboard.api.http;

import dev.switchboard.core.frontend.RequestLimits;
import dev.switchboard.runtime.config.SwitchboardConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The caller-facing limits every runtime shares: field caps for the front doors, admission budgets for bodies. */
@Singleton
public class LimitsProducer {

    @Produces
    @Singleton
    RequestLimits requestLimits(SwitchboardConfig config) {
        return new RequestLimits(config.limits().gcsImagePrefixes().orElse(List.of()));
    }

    @Produces
    @Singleton
    Admission admission(SwitchboardConfig config) {
        return new Admission(
                inFlightBytes(config.limits(), Runtime.getRuntime().maxMemory()),
                config.limits().maxInFlightRequests());
    }

    /**
     * A body of many small JSON values takes well over ten times its size on the heap while it is handled (the
     * parsed tree, the canonical request, the upstream's tree and bytes), so by default bodies in flight may add up
     * to a fortieth of the heap, and never less than one body of the largest size. Everyday bodies are kilobytes:
     * on a 1 GB heap that still admits thousands of them at once.
     */
    static long inFlightBytes(SwitchboardConfig.Limits limits, long maxHeap) {
        long maxBody = limits.maxBodySize().asLongValue();
        return limits.maxInFlightBodyBytes().map(m -> m.asLongValue()).orElse(Math.max(maxBody, maxHeap / 40));
    }
}
