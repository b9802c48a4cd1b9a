package dev.switchboard.api.http;

import dev.switchboard.core.gateway.RequestContext;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The gateway's view of an HTTP request: id, arrival time, cost tags and trace context. */
public final class Requests {
    public static final String TAGS = "x-switchboard-tags";
    private static final int MAX_TAGS = 20;

    private Requests() {}

    public static RequestContext context(RoutingContext rc, String user) {
        List<String> tags = new ArrayList<>();
        String header = rc.request().getHeader(TAGS);
        if (header != null) {
            Arrays.stream(header.split(",")).map(String::trim).filter(t -> !t.isEmpty() && t.length() <= 100)
                    .limit(MAX_TAGS).forEach(tags::add);
        }
        if (user != null && !user.isBlank()) tags.add("user:" + user);
        return new RequestContext(GatewayHeaders.requestId(rc), GatewayHeaders.startNanos(rc), tags,
                rc.request().getHeader("x-cloud-trace-context"), null);
    }
}
