package dev.switchboard.core.gateway;

import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.routing.CircuitSnapshot;
import java.time.Duration;

/**
 * What the gateway currently knows of one target, read-only: its circuit and its recent latency (the moving
 * averages the fastest strategy ranks by; null when never measured).
 *
 * @param chatLatency       average duration of a successful non-streamed call
 * @param streamFirstEvent  average time to the first event of a successful stream
 */
public record TargetHealth(ModelRef target, CircuitSnapshot circuit, Duration chatLatency, Duration streamFirstEvent) {}
