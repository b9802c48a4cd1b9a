package dev.switchboard.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Folds stream events into the response they add up to. Also what the gateway keeps of a stream that
 * was cut: the text so far and the usage last reported.
 */
public final class ResponseAccumulator {
    private String id;
    private String model;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private String reasoningSignature;
    private final TreeMap<Integer, ToolCallBuilder> toolCalls = new TreeMap<>();
    private FinishReason finishReason;
    private String providerFinishReason;
    private Usage usage = Usage.NOT_REPORTED;
    private boolean sawText;
    private boolean sawReasoning;

    public void accept(StreamEvent event) {
        switch (event) {
            case StreamEvent.Started s -> {
                if (s.id() != null) id = s.id();
                if (s.model() != null) model = s.model();
            }
            case StreamEvent.TextDelta t -> {
                text.append(t.text());
                sawText = true;
            }
            case StreamEvent.ReasoningDelta r -> {
                if (r.text() != null) reasoning.append(r.text());
                if (r.signature() != null) reasoningSignature = r.signature();
                sawReasoning = true;
            }
            case StreamEvent.ToolCallStarted s -> toolCalls.put(s.index(), new ToolCallBuilder(s.id(), s.name()));
            case StreamEvent.ToolCallDelta d -> {
                ToolCallBuilder b = toolCalls.get(d.index());
                if (b != null) b.arguments.append(d.argumentsDelta());
            }
            case StreamEvent.Finished f -> {
                finishReason = f.reason();
                providerFinishReason = f.providerReason();
            }
            case StreamEvent.UsageReported u -> usage = usage.overlay(u.usage());
        }
    }

    public Usage usage() {
        return usage;
    }

    /** The model the upstream said it is, if it said. */
    public String model() {
        return model;
    }

    public FinishReason finishReason() {
        return finishReason;
    }

    public ChatResponse toResponse() {
        List<ContentPart> parts = new ArrayList<>();
        if (sawReasoning) parts.add(new ContentPart.Reasoning(reasoning.toString(), reasoningSignature, null));
        if (sawText && !text.isEmpty()) parts.add(new ContentPart.Text(text.toString()));
        toolCalls.values().forEach(b -> parts.add(new ContentPart.ToolCall(b.id, b.name, b.arguments.toString())));
        return new ChatResponse(
                id, model, new Message(Role.ASSISTANT, parts), finishReason, providerFinishReason, usage);
    }

    private static final class ToolCallBuilder {
        final String id;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        ToolCallBuilder(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }
}
