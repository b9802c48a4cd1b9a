package dev.switchboard.api.rest;

import dev.switchboard.api.http.GatewayHeaders;
import dev.switchboard.api.http.Requests;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.frontend.openai.OpenAiChunkWriter;
import dev.switchboard.core.frontend.openai.OpenAiRequestReader;
import dev.switchboard.core.frontend.openai.OpenAiResponseWriter;
import dev.switchboard.core.frontend.openai.ParsedChatRequest;
import dev.switchboard.core.gateway.CallInfo;
import dev.switchboard.core.gateway.ChatResult;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.gateway.GatewayStream;
import dev.switchboard.core.gateway.RequestContext;
import dev.switchboard.core.http.Json;
import dev.switchboard.core.model.StreamEvent;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/** {@code POST /v1/chat/completions}: OpenAI's Chat Completions, streamed (SSE) or not, for every provider. */
@Path("/v1/chat/completions")
public class ChatCompletionsResource {

    @Inject
    Gateway gateway;

    @Inject
    RoutingContext rc;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RunOnVirtualThread
    public Response create(byte[] body) {
        ParsedChatRequest parsed = OpenAiRequestReader.read(body);
        RequestContext ctx = Requests.context(rc, parsed.request().user());
        return parsed.stream() ? stream(parsed, ctx) : complete(parsed, ctx);
    }

    private Response complete(ParsedChatRequest parsed, RequestContext ctx) {
        ChatResult result = gateway.chat(parsed.request(), ctx);
        GatewayHeaders.upstreamNanos(rc, result.info().upstreamNanos());
        var r = result.response();
        String id = r.id() != null ? r.id() : "chatcmpl-" + ctx.requestId();
        byte[] json = Json.bytes(OpenAiResponseWriter.completion(r, id, CallHeaders.model(result.info(), r.model()),
                Instant.now().getEpochSecond(), result.info().price() == null ? null : result.info().price().costUsd()));
        return CallHeaders.apply(Response.ok(json, MediaType.APPLICATION_JSON_TYPE), result.info()).build();
    }

    private Response stream(ParsedChatRequest parsed, RequestContext ctx) {
        GatewayStream stream = gateway.stream(parsed.request(), ctx);
        CallInfo info = stream.info();
        GatewayHeaders.upstreamNanos(rc, info.upstreamNanos());
        String reportedModel = stream.accumulated().model();
        String id = stream.accumulated().toResponse().id();
        OpenAiChunkWriter writer = new OpenAiChunkWriter(id != null ? id : "chatcmpl-" + ctx.requestId(),
                CallHeaders.model(info, reportedModel), Instant.now().getEpochSecond(), parsed.includeUsage());
        StreamingOutput output = out -> pump(stream, writer, out);
        return CallHeaders.apply(Response.ok(output, "text/event-stream"), info)
                .header("cache-control", "no-cache")
                .header("x-accel-buffering", "no")
                .build();
    }

    /** Writes events as they arrive; an upstream failure mid-stream becomes an error frame, a gone client a cancel. */
    static void pump(GatewayStream stream, OpenAiChunkWriter writer, OutputStream out) throws IOException {
        try (stream) {
            try {
                for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
                    byte[] frame = writer.write(e);
                    if (frame.length > 0) {
                        out.write(frame);
                        out.flush();
                    }
                }
            } catch (SwitchboardException e) {
                out.write(OpenAiChunkWriter.error(e));
                out.flush();
                return;
            }
            out.write(writer.end(stream.quote() == null ? null : stream.quote().costUsd()));
            out.flush();
        }
    }
}
