package dev.switchboard.api.rest;

import dev.switchboard.api.service.ChatCompletions;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /v1/chat/completions}: OpenAI's Chat Completions, streamed (SSE) or not, for every provider. */
@Path("/v1/chat/completions")
public class ChatCompletionsResource extends FrontDoorResource {

    @Inject
    ChatCompletions completions;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RunOnVirtualThread
    public Response create(byte[] body) {
        return serve(completions, body);
    }
}
