package dev.switchboard.api.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.http.Json;
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

    @GET
    @Path("/live")
    public Response live() {
        return Response.ok(Json.bytes(Json.object().put("status", "UP")), MediaType.APPLICATION_JSON_TYPE).build();
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
            ObjectNode c = checks.addObject().put("name", "provider:" + p.id()).put("status", why == null ? "UP" : "DOWN");
            if (why != null) c.put("reason", why);
        }
        root.put("status", any ? "UP" : "DOWN");
        return Response.status(any ? 200 : 503).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.bytes(root)).build();
    }
}
