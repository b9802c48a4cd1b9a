package dev.switchboard.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chat request in the gateway's own terms. {@code model} is what the caller asked for (a route name or
 * {@code provider/model}) until the router replaces it with the provider's model id.
 *
 * <p>{@code extensions} holds provider-specific parameters passed through unchanged (e.g. OpenAI's
 * {@code presence_penalty}); an adapter that does not know one of them rejects the request naming it.
 */
public record ChatRequest(
        String model,
        List<Message> messages,
        List<ToolSpec> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        ResponseFormat responseFormat,
        Double temperature,
        Double topP,
        Integer maxTokens,
        List<String> stop,
        Long seed,
        String user,
        ReasoningConfig reasoning,
        Map<String, JsonNode> extensions) {

    public ChatRequest {
        messages = messages == null ? List.of() : List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        stop = stop == null ? List.of() : List.copyOf(stop);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .model(model)
                .messages(messages)
                .tools(tools)
                .toolChoice(toolChoice)
                .parallelToolCalls(parallelToolCalls)
                .responseFormat(responseFormat)
                .temperature(temperature)
                .topP(topP)
                .maxTokens(maxTokens)
                .stop(stop)
                .seed(seed)
                .user(user)
                .reasoning(reasoning)
                .extensions(extensions);
    }

    public ChatRequest withModel(String newModel) {
        return toBuilder().model(newModel).build();
    }

    /** The system/developer instructions concatenated with blank lines; null when there are none. */
    public String instructions() {
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) {
            if (m.role().isInstruction() && m.text() != null) {
                if (!sb.isEmpty()) sb.append("\n\n");
                sb.append(m.text());
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    public boolean hasImages() {
        // a loop, not a stream: asked on every request (limits, capability filter)
        for (Message m : messages) {
            for (ContentPart p : m.content()) {
                if (p instanceof ContentPart.Image) return true;
            }
        }
        return false;
    }

    public static final class Builder {
        private String model;
        private List<Message> messages = List.of();
        private List<ToolSpec> tools = List.of();
        private ToolChoice toolChoice;
        private Boolean parallelToolCalls;
        private ResponseFormat responseFormat;
        private Double temperature;
        private Double topP;
        private Integer maxTokens;
        private List<String> stop = List.of();
        private Long seed;
        private String user;
        private ReasoningConfig reasoning;
        private final Map<String, JsonNode> extensions = new LinkedHashMap<>();

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder messages(List<Message> messages) {
            this.messages = messages;
            return this;
        }

        public Builder messages(Message... messages) {
            this.messages = List.of(messages);
            return this;
        }

        public Builder tools(List<ToolSpec> tools) {
            this.tools = tools;
            return this;
        }

        public Builder toolChoice(ToolChoice toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        public Builder parallelToolCalls(Boolean v) {
            this.parallelToolCalls = v;
            return this;
        }

        public Builder responseFormat(ResponseFormat f) {
            this.responseFormat = f;
            return this;
        }

        public Builder temperature(Double v) {
            this.temperature = v;
            return this;
        }

        public Builder topP(Double v) {
            this.topP = v;
            return this;
        }

        public Builder maxTokens(Integer v) {
            this.maxTokens = v;
            return this;
        }

        public Builder stop(List<String> v) {
            this.stop = v;
            return this;
        }

        public Builder seed(Long v) {
            this.seed = v;
            return this;
        }

        public Builder user(String v) {
            this.user = v;
            return this;
        }

        public Builder reasoning(ReasoningConfig v) {
            this.reasoning = v;
            return this;
        }

        public Builder extensions(Map<String, JsonNode> v) {
            extensions.clear();
            if (v != null) extensions.putAll(v);
            return this;
        }

        public Builder extension(String name, JsonNode value) {
            extensions.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(
                    model,
                    messages,
                    tools,
                    toolChoice,
                    parallelToolCalls,
                    responseFormat,
                    temperature,
                    topP,
                    maxTokens,
                    stop,
                    seed,
                    user,
                    reasoning,
                    extensions);
        }
    }
}
