package dev.switchboard.core.frontend.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.http.SseEvent;
import dev.switchboard.core.http.SseParser;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicEventWriterTest {

    private static List<SseEvent> frames(byte[] bytes) {
        List<SseEvent> out = new ArrayList<>();
        SseParser parser = new SseParser(out::add);
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) parser.line(line);
        parser.end();
        return out;
    }

    private static List<SseEvent> write(AnthropicEventWriter w, StreamEvent... events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (StreamEvent e : events) out.writeBytes(w.write(e));
        out.writeBytes(w.end(null));
        return frames(out.toByteArray());
    }

    private static String shape(List<SseEvent> frames) {
        StringBuilder sb = new StringBuilder();
        for (SseEvent f : frames) {
            JsonNode data = Json.parse(f.data());
            assertThat(data.path("type").asText())
                    .as("data.type matches the event name")
                    .isEqualTo(f.event());
            sb.append(f.event());
            if (data.has("index")) sb.append('#').append(data.get("index").asInt());
            JsonNode kind = data.has("delta")
                    ? data.get("delta").get("type")
                    : data.path("content_block").get("type");
            if (kind != null && !f.event().equals("message_delta"))
                sb.append(':').append(kind.asText());
            sb.append(' ');
        }
        return sb.toString().trim();
    }

    @Test
    void blocksFollowAnthropicsSequence() {
        List<SseEvent> frames = write(
                new AnthropicEventWriter("msg_1", "claude-x"),
                new StreamEvent.Started("up", "claude-x-2025"),
                new StreamEvent.UsageReported(new Usage(30L, 1L, 20L, 0L, null)),
                new StreamEvent.ReasoningDelta("Let me think", null),
                new StreamEvent.ReasoningDelta("", "sig"),
                new StreamEvent.ReasoningDelta("More thought", null),
                new StreamEvent.TextDelta("Hello"),
                new StreamEvent.TextDelta(" world"),
                new StreamEvent.ToolCallStarted(0, "toolu_1", "f"),
                new StreamEvent.ToolCallDelta(0, "{\"a\":"),
                new StreamEvent.ToolCallDelta(0, "1}"),
                new StreamEvent.Finished(FinishReason.TOOL_CALLS, "tool_use"),
                new StreamEvent.UsageReported(new Usage(null, 12L, null, null, null)));
        assertThat(shape(frames))
                .isEqualTo("message_start "
                        + "content_block_start#0:thinking content_block_delta#0:thinking_delta content_block_delta#0:signature_delta "
                        + "content_block_stop#0 content_block_start#1:thinking content_block_delta#1:thinking_delta content_block_stop#1 "
                        + "content_block_start#2:text content_block_delta#2:text_delta content_block_delta#2:text_delta content_block_stop#2 "
                        + "content_block_start#3:tool_use content_block_delta#3:input_json_delta content_block_delta#3:input_json_delta "
                        + "content_block_stop#3 message_delta message_stop");
        JsonNode start = Json.parse(frames.get(0).data()).get("message");
        assertThat(start.get("id").asText()).isEqualTo("msg_1");
        assertThat(start.get("model").asText()).isEqualTo("claude-x");
        assertThat(start.get("content")).isEmpty();
        assertThat(start.at("/usage/input_tokens").asLong()).isEqualTo(10);
        assertThat(start.at("/usage/cache_read_input_tokens").asLong()).isEqualTo(20);
        JsonNode tool = Json.parse(frames.get(12).data()).get("content_block");
        assertThat(tool)
                .isEqualTo(Json.parse("{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{}}"));
        JsonNode delta = Json.parse(frames.get(frames.size() - 2).data());
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(delta.at("/usage/output_tokens").asLong()).isEqualTo(12);
        assertThat(delta.at("/usage/input_tokens").asLong()).isEqualTo(10);
    }

    @Test
    void anEmptyAnswerStillStartsAndStops() {
        assertThat(shape(write(new AnthropicEventWriter("msg_1", "m"), new StreamEvent.Started(null, null))))
                .isEqualTo("message_start message_delta message_stop");
    }

    @Test
    void usageOnlyEventsWriteNothingUntilContent() {
        AnthropicEventWriter w = new AnthropicEventWriter("msg_1", "m");
        assertThat(w.write(new StreamEvent.Started("a", "b"))).isEmpty();
        assertThat(w.write(new StreamEvent.UsageReported(Usage.of(5, 0)))).isEmpty();
        assertThat(w.write(new StreamEvent.Finished(FinishReason.STOP, "stop"))).isEmpty();
        assertThat(w.usage()).isEqualTo(Usage.of(5, 0));
    }

    @Test
    void errorFrame() {
        List<SseEvent> frames = frames(AnthropicEventWriter.error(new Overloaded(ErrorInfo.of("busy"))));
        assertThat(frames).singleElement().extracting(SseEvent::event).isEqualTo("error");
        assertThat(Json.parse(frames.get(0).data()))
                .isEqualTo(Json.parse(
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}"));
    }
}
