package dev.switchboard.api.service;

import dev.switchboard.core.gateway.RequestContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What any runtime's HTTP layer knows about a request before the body is read: its id, arrival time and the
 * headers that matter to the gateway (cost tags, trace context).
 */
public record RequestMeta(String requestId, long startNanos, String tagsHeader, String traceHeader) {
    private static final int MAX_TAGS = 20;

    /** The gateway's request context; the OpenAI {@code user} field becomes a {@code user:<id>} tag. */
    public RequestContext context(String user) {
        List<String> tags = new ArrayList<>();
        if (tagsHeader != null) {
            Arrays.stream(tagsHeader.split(",")).map(String::trim).filter(t -> !t.isEmpty() && t.length() <= 100)
                    .limit(MAX_TAGS).forEach(tags::add);
        }
        if (user != null && !user.isBlank()) tags.add("user:" + user);
        return new RequestContext(requestId, startNanos, tags, traceHeader, null);
    }
}
