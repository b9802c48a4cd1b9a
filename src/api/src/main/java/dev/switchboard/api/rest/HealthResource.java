package dev.switchboard.api.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.gateway.TargetHealth;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.routing.CircuitSnapshot;
import dev.switchboard.core.spi.ChatProvider;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Liveness (the process answers) and readiness (at least one provider is usable). Readiness looks at
 * configuration only; it never calls an upstream, so a provider outage does not take the gateway out of rotation.
 */
@Path("/health")
public class HealthResource {

    @Inject
    Gateway gateway;

    @Inject
    jakarta.enterprise.inject.Instance<ReadinessCheck> extraChecks;

    @GET
    @Path("/live")
    public Response live() {
        return Response.ok(Json.bytes(Json.object().put("status", "UP")), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    @GET
    @Path("/ready")
    public Response ready() {
        ObjectNode root = Json.object();
        ArrayNode checks = root.putArray("checks");
        boolean any = false;
        for (ChatProvider p : gateway.providers().values()) {
            String why = p.unavailableReason();
            any |= why == null;
            ObjectNode c =
                    checks.addObject().put("name", "provider:" + p.id()).put("status", why == null ? "UP" : "DOWN");
            if (why != null) c.put("reason", why);
        }
        for (ReadinessCheck check : extraChecks) {
            String why = check.downReason();
            ObjectNode c = checks.addObject().put("name", check.name()).put("status", why == null ? "UP" : "DOWN");
            if (why != null) c.put("reason", why);
        }
        root.put("status", any ? "UP" : "DOWN");
        return Response.status(any ? 200 : 503)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.bytes(root))
                .build();
    }

    /**
     * Each known target's circuit breaker and recent latency, as this process sees it (state is per process: per
     * function instance in the clouds). Read-only; never calls an upstream.
     */
    @GET
    @Path("/targets")
    public Response targets() {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("targets");
        for (TargetHealth h : gateway.targetHealth()) {
            CircuitSnapshot c = h.circuit();
            ObjectNode t = list.addObject().put("target", h.target().toString());
            ObjectNode circuit = t.putObject("circuit");
            circuit.put("state", c.state().name().toLowerCase(java.util.Locale.ROOT));
            circuit.put("consecutive_failures", c.consecutiveFailures());
            circuit.put("window_calls", c.windowCalls());
            circuit.put("window_failures", c.windowFailures());
            circuit.put("times_opened", c.timesOpened());
            if (c.retryIn() != null) circuit.put("retry_in_ms", c.retryIn().toMillis());
            if (h.chatLatency() != null)
                t.put("chat_latency_ms", h.chatLatency().toMillis());
            if (h.streamFirstEvent() != null)
                t.put("stream_first_event_ms", h.streamFirstEvent().toMillis());
        }
        return Response.ok(Json.bytes(root), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
