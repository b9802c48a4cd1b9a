package dev.switchboard.api.rest;

import dev.switchboard.runtime.config.SwitchboardConfig;
import dev.switchboard.api.http.Requests;
import dev.switchboard.api.service.Messages;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.frontend.anthropic.AnthropicResponseWriter;
import dev.switchboard.core.http.Json;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /v1/messages}: Anthropic's Messages API for every provider, so apps on the Anthropic SDK can point
 * their base URL at the gateway. Errors come back in Anthropic's shape, which that SDK understands.
 */
@Path("/v1/messages")
public class MessagesResource {

    @Inject
    Messages messages;

    @Inject
    SwitchboardConfig config;

    @Inject
    RoutingContext rc;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RunOnVirtualThread
    public Response create(byte[] body) {
        try {
            return Answers.of(messages.handle(body, Requests.meta(rc)), config.streaming().mode(), rc);
        } catch (SwitchboardException e) {
            Response.ResponseBuilder b = Response.status(e.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Json.bytes(AnthropicResponseWriter.error(e)));
            ErrorMappers.retryAfter(e).ifPresent(s -> b.header("retry-after", s));
            return b.build();
        }
    }
}
