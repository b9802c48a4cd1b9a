package dev.switchboard.api.service;

import dev.switchboard.api.auth.AccessControl;
import dev.switchboard.core.frontend.FrameWriter;
import dev.switchboard.core.frontend.RequestLimits;
import dev.switchboard.core.frontend.openai.OpenAiChunkWriter;
import dev.switchboard.core.frontend.openai.OpenAiRequestReader;
import dev.switchboard.core.frontend.openai.OpenAiResponseWriter;
import dev.switchboard.core.frontend.openai.ParsedChatRequest;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.gateway.RequestContext;
import dev.switchboard.core.model.ChatResponse;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;

/** OpenAI Chat Completions in front of every provider. */
@Singleton
public class ChatCompletions extends FrontDoor<ParsedChatRequest> {

    public ChatCompletions(Gateway gateway, RequestLimits limits, AccessControl access) {
        super(gateway, limits, access);
    }

    @Override
    protected ParsedChatRequest parse(byte[] body) {
        return OpenAiRequestReader.read(body);
    }

    @Override
    protected String newId(RequestContext ctx) {
        return "chatcmpl-" + ctx.requestId();
    }

    @Override
    protected FrameWriter writer(ParsedChatRequest parsed, String id, String model) {
        return new OpenAiChunkWriter(id, model, Instant.now().getEpochSecond(), parsed.includeUsage());
    }

    @Override
    protected byte[] render(ChatResponse response, String id, String model, BigDecimal costUsd) {
        return OpenAiResponseWriter.completionBytes(
                response, id, model, Instant.now().getEpochSecond(), costUsd);
    }

    @Override
    public ErrorRenderer errors() {
        return ErrorRenderer.OPENAI;
    }
}
