package dev.switchboard.api.rest;

import dev.switchboard.api.config.SwitchboardConfig;
import dev.switchboard.api.http.GatewayHeaders;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

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
        ChatCompletions.Outcome outcome = completions.handle(body, Requests.meta(rc));
        GatewayHeaders.upstreamNanos(rc, outcome.info().upstreamNanos());
        Response.ResponseBuilder ok = switch (outcome) {
            case ChatCompletions.Completed c -> Response.ok(c.json(), MediaType.APPLICATION_JSON_TYPE);
            case ChatCompletions.Streaming s -> sse(s);
        };
        outcome.headers().forEach(ok::header);
        return ok.build();
    }

    private Response.ResponseBuilder sse(ChatCompletions.Streaming s) {
        Response.ResponseBuilder ok;
        if (config.streaming().mode() == SwitchboardConfig.Streaming.Mode.BUFFERED) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                s.writeTo(all);
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
            ok = Response.ok(all.toByteArray(), "text/event-stream");
        } else {
            ok = Response.ok((StreamingOutput) s::writeTo, "text/event-stream");
        }
        return ok.header("cache-control", "no-cache").header("x-accel-buffering", "no");
    }
}
