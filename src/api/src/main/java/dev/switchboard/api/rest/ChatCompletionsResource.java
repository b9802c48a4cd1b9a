package dev.switchboard.api.rest;

import dev.switchboard.api.service.ChatCompletions;
import jakarta.ws.rs.Path;

/** {@code POST /v1/chat/completions}: OpenAI's Chat Completions, streamed (SSE) or not, for every provider. */
@Path("/v1/chat/completions")
public class ChatCompletionsResource extends FrontDoorResource {

    public ChatCompletionsResource(ChatCompletions completions) {
        super(completions);
    }
}
