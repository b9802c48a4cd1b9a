package dev.switchboard.core.frontend.anthropic;

import dev.switchboard.core.frontend.ParsedCall;
import dev.switchboard.core.model.ChatRequest;

/** A Messages API request read into canonical form, plus whether the caller wants it streamed. */
public record ParsedMessagesRequest(ChatRequest request, boolean stream) implements ParsedCall {}
