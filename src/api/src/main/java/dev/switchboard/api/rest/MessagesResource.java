package dev.switchboard.api.rest;

import dev.switchboard.api.service.Messages;
import jakarta.ws.rs.Path;

/**
 * {@code POST /v1/messages}: Anthropic's Messages API for every provider, so apps on the Anthropic SDK can point
 * their base URL at the gateway. Errors come back in Anthropic's shape, which that SDK understands.
 */
@Path("/v1/messages")
public class MessagesResource extends FrontDoorResource {

    public MessagesResource(Messages messages) {
        super(messages);
    }
}
