package dev.switchboard.api.rest;

import dev.switchboard.api.service.Messages;
import io.smallrye.common.annotation.RunOnVirtualThread;
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
public class MessagesResource extends FrontDoorResource {

    @Inject
    Messages messages;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RunOnVirtualThread
    public Response create(byte[] body) {
        return serve(messages, body);
    }
}
