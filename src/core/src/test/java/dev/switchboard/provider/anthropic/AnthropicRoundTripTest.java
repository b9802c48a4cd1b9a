package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.ConformanceCase;
import dev.switchboard.core.frontend.anthropic.AnthropicEventWriter;
import dev.switchboard.core.frontend.anthropic.AnthropicRequestReader;
import dev.switchboard.core.frontend.anthropic.AnthropicResponseWriter;
import dev.switchboard.core.frontend.anthropic.ParsedMessagesRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.StreamEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Anthropic front door and the Anthropic adapter are each other's inverse: what the writers produce, the
 * adapter reads back to the same canonical answer, and what the reader reads, the adapter writes back to a body
 * the reader reads to the same canonical request. Driven by every recorded case.
 */
class AnthropicRoundTripTest {

    private static Stream<ConformanceCase> answered() {
        return ConformanceCase.load("anthropic").stream().filter(c -> c.status() == 200);
    }

    /** Recorded answer → canonical → AnthropicEventWriter SSE → stream codec → the same canonical answer. */
    @TestFactory
    Stream<DynamicTest> eventWriterOutputDecodesToTheSameResponse() {
        return answered()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    List<StreamEvent> events = c.isStream()
                            ? Sse.decode(c.response().path("body_text").asText())
                            : events(AnthropicMapping.fromWire(c.response().path("body_json")));
                    ChatResponse original = Sse.accumulate(events);
                    String sse = write(events, original.id(), original.model());
                    assertThat(Sse.response(sse)).isEqualTo(original);
                }));
    }

    /** Recorded message → canonical → AnthropicResponseWriter JSON → adapter → the same canonical answer. */
    @TestFactory
    Stream<DynamicTest> responseWriterOutputReadsToTheSameResponse() {
        return answered()
                .filter(c -> !c.isStream())
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    ChatResponse original =
                            AnthropicMapping.fromWire(c.response().path("body_json"));
                    JsonNode written = AnthropicResponseWriter.message(original, original.id(), original.model(), null);
                    assertThat(AnthropicMapping.fromWire(written)).isEqualTo(original);
                }));
    }

    /** Recorded request → reader → adapter body → reader: the same canonical request. */
    @TestFactory
    Stream<DynamicTest> adapterBodiesReadBackToTheSameRequest() {
        return ConformanceCase.load("anthropic").stream()
                .filter(c -> c.requestBody() != null && !c.name().equals("stream_text_after_tool_result"))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    ParsedMessagesRequest parsed = AnthropicRequestReader.read(c.requestBody());
                    JsonNode body = AnthropicMapping.toWire(parsed.request(), parsed.stream());
                    ParsedMessagesRequest again = AnthropicRequestReader.read(body);
                    assertThat(again.request()).isEqualTo(parsed.request());
                    assertThat(again.stream()).isEqualTo(parsed.stream());
                }));
    }

    @Test
    void interleavedToolDeltasStillReachTheirCall() {
        List<StreamEvent> events = List.of(
                new StreamEvent.Started("m", "x"),
                new StreamEvent.ToolCallStarted(0, "call_a", "a"),
                new StreamEvent.ToolCallDelta(0, "{\"p\":"),
                new StreamEvent.ToolCallStarted(1, "call_b", "b"),
                new StreamEvent.ToolCallDelta(1, "{}"),
                new StreamEvent.ToolCallDelta(0, "1}"),
                new StreamEvent.Finished(FinishReason.TOOL_CALLS, "tool_calls"));
        ChatResponse r = Sse.response(write(events, "m", "x"));
        assertThat(r.toolCalls())
                .containsExactly(
                        new ContentPart.ToolCall("call_a", "a", "{\"p\":1}"),
                        new ContentPart.ToolCall("call_b", "b", "{}"));
        assertThat(r.providerFinishReason()).isEqualTo("tool_use");
    }

    private static String write(List<StreamEvent> events, String id, String model) {
        AnthropicEventWriter writer = new AnthropicEventWriter(id, model);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(e -> out.writeBytes(writer.write(e)));
        out.writeBytes(writer.end(null));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The events a provider streaming this answer would emit. */
    private static List<StreamEvent> events(ChatResponse r) {
        List<StreamEvent> events = new ArrayList<>();
        events.add(new StreamEvent.Started(r.id(), r.model()));
        events.add(new StreamEvent.UsageReported(r.usage()));
        int tool = 0;
        for (ContentPart p : r.message().content()) {
            switch (p) {
                case ContentPart.Reasoning t
                when t.text() != null -> events.add(new StreamEvent.ReasoningDelta(t.text(), t.signature()));
                case ContentPart.Text t -> events.add(new StreamEvent.TextDelta(t.text()));
                case ContentPart.ToolCall c -> {
                    events.add(new StreamEvent.ToolCallStarted(tool, c.id(), c.name()));
                    events.add(new StreamEvent.ToolCallDelta(tool++, c.arguments()));
                }
                default -> {}
            }
        }
        events.add(new StreamEvent.Finished(r.finishReason(), r.providerFinishReason()));
        return events;
    }
}
