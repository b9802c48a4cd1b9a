package dev.switchboard.api.service;

import dev.switchboard.api.http.RequestMeta;
import dev.switchboard.core.frontend.anthropic.AnthropicEventWriter;
import dev.switchboard.core.frontend.anthropic.AnthropicRequestReader;
import dev.switchboard.core.frontend.anthropic.AnthropicResponseWriter;
import dev.switchboard.core.frontend.anthropic.ParsedMessagesRequest;
import dev.switchboard.core.gateway.ChatResult;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.gateway.GatewayStream;
import dev.switchboard.core.gateway.RequestContext;
import dev.switchboard.core.http.Json;
import jakarta.inject.Singleton;

/** Anthropic's Messages API in front of every provider, for apps using the Anthropic SDK. */
@Singleton
public class Messages {
    private final Gateway gateway;

    public Messages(Gateway gateway) {
        this.gateway = gateway;
    }

    public Outcome handle(byte[] body, RequestMeta meta) {
        ParsedMessagesRequest parsed = AnthropicRequestReader.read(body);
        RequestContext ctx = meta.context(parsed.request().user());
        if (parsed.stream()) {
            GatewayStream stream = gateway.stream(parsed.request(), ctx);
            String id = stream.accumulated().toResponse().id();
            AnthropicEventWriter writer = new AnthropicEventWriter(id != null ? id : AnthropicResponseWriter.newMessageId(),
                    CallHeaders.model(stream.info(), stream.accumulated().model()));
            return new Outcome.Streaming(stream.info(), out -> StreamPump.pump(stream, writer, out));
        }
        ChatResult result = gateway.chat(parsed.request(), ctx);
        var r = result.response();
        byte[] json = Json.bytes(AnthropicResponseWriter.message(r, r.id() != null ? r.id() : AnthropicResponseWriter.newMessageId(),
                CallHeaders.model(result.info(), r.model()), result.info().price() == null ? null : result.info().price().costUsd()));
        return new Outcome.Completed(json, result.info());
    }
}
