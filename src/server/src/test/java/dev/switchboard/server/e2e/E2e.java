package dev.switchboard.server.e2e;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.switchboard.emulator.behavior.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * What the end-to-end tests share: the real SDK clients pointed at the gateway (no SDK retries, so every failure is
 * the gateway's own answer), the emulator's deterministic answers, and the cost records the gateway wrote.
 */
final class E2e {
    /** The emulator's answer to a user turn: this prefix, then the user's text. */
    static final String GREETING = "Hello from the Switchboard emulator. You said: ";

    static final String TOOL_RESULT = "Tool result received: ";
    static final String REASONING = "Let me think about this.";
    static final int REASONING_TOKENS = 6;

    private static final ObjectMapper JSON = new ObjectMapper();

    private E2e() {}

    /** openai-java on {@code .../v1}. */
    static OpenAIClient openAi(URL v1) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(v1.toString())
                .apiKey("caller-key-unused")
                .maxRetries(0)
                .build();
    }

    /** anthropic-java on the gateway root (the SDK adds {@code /v1/messages}). */
    static AnthropicClient anthropic(URL root) {
        String base = root.toString().replaceAll("/+$", "");
        return AnthropicOkHttpClient.builder()
                .baseUrl(base)
                .apiKey("caller-key-unused")
                .maxRetries(0)
                .build();
    }

    /** The emulator's token count for prompt text: a quarter of the characters, rounded up, at least 1. */
    static long promptTokens(String allMessageText) {
        return Math.max(1, (allMessageText.length() + 3) / 4);
    }

    /** The emulator's output token count for a text answer: one per word. */
    static long words(String text) {
        return text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }

    /** Every cost record the gateway wrote for one request id, in file order. */
    static List<JsonNode> costRecords(String requestId) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : costLines()) {
            JsonNode record = parse(line);
            if (requestId.equals(record.path("request_id").asText())) out.add(record);
        }
        return out;
    }

    /** The raw lines of the cost record file, for checks that no secret or prompt leaked into it. */
    static List<String> costLines() {
        try {
            return Files.readAllLines(EmulatorResource.costFile()).stream()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the emulator received for one model name, as the provider's wire JSON. */
    static List<RecordedRequest> upstreamRequests(String model) {
        return EmulatorResource.emulator().requests(model);
    }
}
