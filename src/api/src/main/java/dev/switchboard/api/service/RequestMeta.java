package dev.switchboard.api.service;

import dev.switchboard.api.auth.Credentials;
import dev.switchboard.core.frontend.RequestLimits;
import dev.switchboard.core.gateway.RequestContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What any runtime's HTTP layer knows about a request before the body is read: its id, arrival time and the
 * headers that matter to the gateway (cost tags, trace context, the body's media type, the gateway key).
 *
 * @param credential the gateway key the caller sent (a secret: never logged, see {@link #toString()})
 */
public record RequestMeta(
        String requestId,
        long startNanos,
        String tagsHeader,
        String traceHeader,
        String contentType,
        String credential) {
    public RequestMeta(String requestId, long startNanos, String tagsHeader, String traceHeader, String contentType) {
        this(requestId, startNanos, tagsHeader, traceHeader, contentType, null);
    }

    /** The key the caller sent, as {@link Credentials#fromHeaders} reads it. */
    public static String credential(String authorization, String xApiKey) {
        return Credentials.fromHeaders(authorization, xApiKey);
    }

    @Override
    public String toString() {
        return "RequestMeta[requestId=" + requestId + ", credential=" + (credential == null ? "none" : "***") + "]";
    }

    /** The gateway's request context; the OpenAI {@code user} field becomes a {@code user:<id>} tag. */
    public RequestContext context(String user) {
        List<String> tags = new ArrayList<>();
        if (tagsHeader != null) {
            Arrays.stream(tagsHeader.split(","))
                    .map(String::trim)
                    .filter(t -> !t.isEmpty() && t.length() <= RequestLimits.MAX_TAG)
                    .limit(RequestLimits.MAX_TAGS)
                    .forEach(tags::add);
        }
        if (user != null && !user.isBlank()) tags.add("user:" + user);
        String trace = traceHeader == null || traceHeader.length() > RequestLimits.MAX_TRACE ? null : traceHeader;
        return new RequestContext(requestId, startNanos, tags, trace, null);
    }
}
