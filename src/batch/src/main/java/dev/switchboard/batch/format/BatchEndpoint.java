package dev.switchboard.batch.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.frontend.ParsedCall;
import dev.switchboard.core.frontend.anthropic.AnthropicRequestReader;
import dev.switchboard.core.frontend.anthropic.AnthropicResponseWriter;
import dev.switchboard.core.frontend.openai.OpenAiRequestReader;
import dev.switchboard.core.frontend.openai.OpenAiResponseWriter;
import dev.switchboard.core.model.ChatResponse;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;

/**
 * The URLs a batch line may name, each with the readers and writers of the matching HTTP front door, so a batch
 * line is parsed, answered and failed exactly as the same request sent live would be.
 */
public enum BatchEndpoint {
    CHAT_COMPLETIONS("/v1/chat/completions") {
        @Override
        public ParsedCall parse(JsonNode body) {
            return OpenAiRequestReader.read(body);
        }

        @Override
        public JsonNode render(ChatResponse r, String id, String model, long created, BigDecimal costUsd) {
            return OpenAiResponseWriter.completion(r, id, model, created, costUsd);
        }

        @Override
        public JsonNode error(SwitchboardException e) {
            return OpenAiResponseWriter.error(e);
        }

        @Override
        public String newId(String requestId) {
            return "chatcmpl-" + requestId;
        }
    },
    MESSAGES("/v1/messages") {
        @Override
        public ParsedCall parse(JsonNode body) {
            return AnthropicRequestReader.read(body);
        }

        @Override
        public JsonNode render(ChatResponse r, String id, String model, long created, BigDecimal costUsd) {
            return AnthropicResponseWriter.message(r, id, model, costUsd);
        }

        @Override
        public JsonNode error(SwitchboardException e) {
            return AnthropicResponseWriter.error(e);
        }

        @Override
        public String newId(String requestId) {
            return AnthropicResponseWriter.newMessageId();
        }
    };

    private final String url;

    BatchEndpoint(String url) {
        this.url = url;
    }

    public String url() {
        return url;
    }

    public static Optional<BatchEndpoint> ofUrl(String url) {
        return Arrays.stream(values()).filter(e -> e.url.equals(url)).findFirst();
    }

    /** Reads the line's body into canonical form; throws the front door's 400-class errors. */
    public abstract ParsedCall parse(JsonNode body);

    /** The whole answer in this dialect, as the HTTP front door writes it. */
    public abstract JsonNode render(ChatResponse r, String id, String model, long created, BigDecimal costUsd);

    /** An error body in this dialect. */
    public abstract JsonNode error(SwitchboardException e);

    /** The id of an answer whose upstream reported none. */
    public abstract String newId(String requestId);
}
