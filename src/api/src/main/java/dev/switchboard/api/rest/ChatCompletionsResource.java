package dev.switchboard.api.rest;

import dev.switchboard.runtime.config.SwitchboardConfig;
import dev.switchboard.api.http.Requests;
import dev.switchboard.api.service.ChatCompletions;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /v1/chat/completions}: OpenAI's Chat Completions, streamed (SSE) or not, for every provider. */
@Path("/v1/chat/completions")
public class ChatCompletionsResource {

    @Inject
    ChatCompletions completions;

    @Inject
    SwitchboardConfig config;

    @Inject
    RoutingContext rc;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RunOnVirtualThread
    public Response create(byte[] body) {
        return Answers.of(completions.handle(body, Requests.meta(rc)), config.streaming().mode(), rc);
    }
}
