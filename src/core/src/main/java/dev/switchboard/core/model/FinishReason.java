package dev.switchboard.core.model;

/** Why generation stopped, in OpenAI's vocabulary; UNKNOWN when the provider said something we do not know. */
public enum FinishReason {
    STOP("stop"),
    LENGTH("length"),
    TOOL_CALLS("tool_calls"),
    CONTENT_FILTER("content_filter"),
    UNKNOWN("unknown");

    private final String wire;

    FinishReason(String wire) {
        this.wire = wire;
    }

    /** The value OpenAI clients expect. UNKNOWN is sent as "stop"; the provider's own reason travels beside it. */
    public String openAiValue() {
        return this == UNKNOWN ? "stop" : wire;
    }

    public String wireName() {
        return wire;
    }

    public static FinishReason fromOpenAi(String value) {
        if (value == null) return null;
        return switch (value) {
            case "stop" -> STOP;
            case "length" -> LENGTH;
            case "tool_calls", "function_call" -> TOOL_CALLS;
            case "content_filter" -> CONTENT_FILTER;
            default -> UNKNOWN;
        };
    }
}
