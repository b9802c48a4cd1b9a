package dev.switchboard.core.telemetry;

import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ModelRef;

/**
 * What is known when an upstream attempt starts.
 *
 * @param route        the route's name (a direct {@code provider/model} request is its own route)
 * @param providerType the configured provider type (openai, anthropic, bedrock, ...)
 * @param attempt      the attempt's number within the request, 1..n
 * @param kind         first attempt of the request, a retry on the same target, or a fallback to another target
 * @param request      the request as sent to this target (for request attributes; its content is never recorded
 *                     unless the operator opted in)
 */
public record AttemptStart(
        String route,
        ModelRef target,
        String providerType,
        int attempt,
        Kind kind,
        boolean stream,
        ChatRequest request) {

    public enum Kind {
        FIRST,
        RETRY,
        FALLBACK
    }

    /** The kind of the attempt numbered {@code attempt}, the {@code retry}-th on its target (0: its first). */
    public static Kind kind(int attempt, int retry) {
        if (retry > 0) return Kind.RETRY;
        return attempt == 1 ? Kind.FIRST : Kind.FALLBACK;
    }
}
