package dev.switchboard.api.service;

import dev.switchboard.api.http.RequestMeta;
import dev.switchboard.core.frontend.openai.OpenAiChunkWriter;
import dev.switchboard.core.frontend.openai.OpenAiRequestReader;
import dev.switchboard.core.frontend.openai.OpenAiResponseWriter;
import dev.switchboard.core.frontend.openai.ParsedChatRequest;
import dev.switchboard.core.gateway.ChatResult;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.gateway.GatewayStream;
import dev.switchboard.core.gateway.RequestContext;
import dev.switchboard.core.http.Json;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * OpenAI Chat Completions without any HTTP framework: parse, call the gateway, render. The REST resource and the
 * Cloud Functions streaming handler both call this, so every runtime shares one path into the core. Failures
 * before anything is written are thrown; the caller renders them with their status.
 */
@Singleton
public class ChatCompletions {
    private final Gateway gateway;

    public ChatCompletions(Gateway gateway) {
        this.gateway = gateway;
    }

    public Outcome handle(byte[] body, RequestMeta meta) {
        ParsedChatRequest parsed = OpenAiRequestReader.read(body);
        RequestContext ctx = meta.context(parsed.request().user());
        if (parsed.stream()) {
            GatewayStream stream = gateway.stream(parsed.request(), ctx);
            String id = stream.accumulated().toResponse().id();
            OpenAiChunkWriter writer = new OpenAiChunkWriter(id != null ? id : "chatcmpl-" + ctx.requestId(),
                    CallHeaders.model(stream.info(), stream.accumulated().model()), Instant.now().getEpochSecond(),
                    parsed.includeUsage());
            return new Outcome.Streaming(stream.info(), out -> StreamPump.pump(stream, writer, out));
        }
        ChatResult result = gateway.chat(parsed.request(), ctx);
        var r = result.response();
        String id = r.id() != null ? r.id() : "chatcmpl-" + ctx.requestId();
        byte[] json = Json.bytes(OpenAiResponseWriter.completion(r, id, CallHeaders.model(result.info(), r.model()),
                Instant.now().getEpochSecond(), result.info().price() == null ? null : result.info().price().costUsd()));
        return new Outcome.Completed(json, result.info());
    }
}
