package dev.switchboard.core.frontend.openai;

import dev.switchboard.core.frontend.ParsedCall;
import dev.switchboard.core.model.ChatRequest;

/** An OpenAI chat request read into canonical form, plus how the caller wants the answer delivered. */
public record ParsedChatRequest(ChatRequest request, boolean stream, boolean includeUsage) implements ParsedCall {}
