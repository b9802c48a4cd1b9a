package dev.switchboard.core.frontend.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streamed Chat Completions answer is byte for byte the tree the writer builds, whatever the answer holds. */
class OpenAiResponseWriterTest {

    @Test
    void streamedCompletionIsByteForByteTheTree() {
        List<Message> messages = List.of(
                Message.assistant("Hello from the benchmark upstream."),
                new Message(Role.ASSISTANT, List.of()),
                new Message(
                        Role.ASSISTANT,
                        List.of(
                                ContentPart.Reasoning.of("think \"hard\"\n"),
                                new ContentPart.Text("caf\u00e9 \ud83d\ude00 <tag> \u2028"),
                                new ContentPart.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                                new ContentPart.ToolCall("call_2", "noop", "{}"))));
        List<Usage> usages = List.of(
                Usage.NOT_REPORTED,
                Usage.of(12, 6),
                new Usage(100L, null, 40L, null, null),
                new Usage(null, 7L, null, 3L, 5L),
                new Usage(1L, 2L, 0L, 0L, 0L));
        List<BigDecimal> costs = new ArrayList<>();
        costs.add(null);
        costs.add(new BigDecimal("0.0000054"));
        costs.add(new BigDecimal("3.75E-7"));
        costs.add(new BigDecimal("12.500"));
        for (Message m : messages) {
            for (Usage u : usages) {
                for (BigDecimal cost : costs) {
                    for (FinishReason reason : FinishReason.values()) {
                        ChatResponse r = new ChatResponse(
                                "ignored", "upstream-model", m, reason, reason == FinishReason.STOP ? null : "raw", u);
                        byte[] tree = Json.bytes(
                                OpenAiResponseWriter.completion(r, "chatcmpl-1", "fast/bench-1", 1_796_186_548L, cost));
                        byte[] streamed = OpenAiResponseWriter.completionBytes(
                                r, "chatcmpl-1", "fast/bench-1", 1_796_186_548L, cost);
                        assertThat(new String(streamed, java.nio.charset.StandardCharsets.UTF_8))
                                .isEqualTo(new String(tree, java.nio.charset.StandardCharsets.UTF_8));
                        assertThat(streamed).isEqualTo(tree);
                    }
                }
            }
        }
    }
}
