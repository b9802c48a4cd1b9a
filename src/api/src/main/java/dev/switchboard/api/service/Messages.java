package dev.switchboard.api.service;

import dev.switchboard.api.auth.AccessControl;
import dev.switchboard.core.frontend.FrameWriter;
import dev.switchboard.core.frontend.RequestLimits;
import dev.switchboard.core.frontend.anthropic.AnthropicEventWriter;
import dev.switchboard.core.frontend.anthropic.AnthropicRequestReader;
import dev.switchboard.core.frontend.anthropic.AnthropicResponseWriter;
import dev.switchboard.core.frontend.anthropic.ParsedMessagesRequest;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.gateway.RequestContext;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatResponse;
import jakarta.inject.Singleton;
import java.math.BigDecimal;

/** Anthropic's Messages API in front of every provider, for apps using the Anthropic SDK. */
@Singleton
public class Messages extends FrontDoor<ParsedMessagesRequest> {

    public Messages(Gateway gateway, RequestLimits limits, AccessControl access) {
        super(gateway, limits, access);
    }

    @Override
    protected ParsedMessagesRequest parse(byte[] body) {
        return AnthropicRequestReader.read(body);
    }

    @Override
    protected String newId(RequestContext ctx) {
        return AnthropicResponseWriter.newMessageId();
    }

    @Override
    protected FrameWriter writer(ParsedMessagesRequest parsed, String id, String model) {
        return new AnthropicEventWriter(id, model);
    }

    @Override
    protected byte[] render(ChatResponse response, String id, String model, BigDecimal costUsd) {
        return Json.bytes(AnthropicResponseWriter.message(response, id, model, costUsd));
    }

    @Override
    public ErrorRenderer errors() {
        return ErrorRenderer.ANTHROPIC;
    }
}
