package dev.switchboard.core.gateway;

import dev.switchboard.core.model.ChatResponse;

/** A non-streamed answer and how it was obtained. */
public record ChatResult(ChatResponse response, CallInfo info) {}
