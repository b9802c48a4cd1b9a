package dev.switchboard.emulator.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.emulator.behavior.Completion;
import dev.switchboard.emulator.behavior.Conversation;
import dev.switchboard.emulator.behavior.Failure;
import dev.switchboard.emulator.behavior.Json;
import dev.switchboard.emulator.behavior.Words;
import dev.switchboard.emulator.http.HttpCodec;
import dev.switchboard.emulator.http.HttpReply;
import dev.switchboard.emulator.http.StreamReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bedrock Converse / ConverseStream shapes, after {@code conformance/bedrock}: {@code inputTokens} excludes
 * cache reads (totalTokens includes them), text deltas need no contentBlockStart but tool use does, and
 * the stream ends with messageStop then metadata (usage).
 */
final class BedrockCodec implements HttpCodec {

    static final String JSON = "application/json";
    static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    @Override
    public Conversation read(JsonNode body) {
        return BedrockReader.read(body);
    }

    @Override
    public HttpReply answer(Completion a, String model) {
        ArrayNode content = Json.arr();
        if (a.reasoning() != null) {
            content.add(Json.obj(
                    "reasoningContent",
                    Json.obj(
                            "reasoningText",
                            Json.obj("text", a.reasoning(), "signature", a.reasoningSignature("reasoning")))));
        }
        if (a.isToolCall()) {
            content.add(Json.obj(
                    "toolUse",
                    Json.obj(
                            "toolUseId",
                            toolUseId(a),
                            "name",
                            a.toolCall().name(),
                            "input",
                            a.toolCall().arguments())));
        } else {
            content.add(Json.obj("text", a.text()));
        }
        ObjectNode body = Json.obj(
                "output", Json.obj("message", Json.obj("role", "assistant", "content", content)),
                "stopReason", stopReason(a),
                "usage", usage(a.usage()),
                "metrics", Json.obj("latencyMs", 1));
        return HttpReply.json(200, body).withHeader("x-amzn-RequestId", requestId());
    }

    @Override
    public StreamReply stream(Completion a, String model) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(EventFrames.event("messageStart", Json.obj("role", "assistant")));
        int index = 0;
        if (a.reasoning() != null) {
            for (String word : Words.chunks(a.reasoning())) {
                frames.add(delta(index, Json.obj("reasoningContent", Json.obj("text", word))));
            }
            frames.add(delta(
                    index, Json.obj("reasoningContent", Json.obj("signature", a.reasoningSignature("reasoning")))));
            frames.add(EventFrames.event("contentBlockStop", Json.obj("contentBlockIndex", index++)));
        }
        if (a.isToolCall()) {
            frames.add(EventFrames.event(
                    "contentBlockStart",
                    Json.obj(
                            "contentBlockIndex",
                            index,
                            "start",
                            Json.obj(
                                    "toolUse",
                                    Json.obj(
                                            "toolUseId",
                                            toolUseId(a),
                                            "name",
                                            a.toolCall().name())))));
            for (String piece : Words.thirds(a.toolCall().argumentsJson())) {
                frames.add(delta(index, Json.obj("toolUse", Json.obj("input", piece))));
            }
        } else {
            for (String word : Words.chunks(a.text())) {
                frames.add(delta(index, Json.obj("text", word)));
            }
        }
        frames.add(EventFrames.event("contentBlockStop", Json.obj("contentBlockIndex", index)));
        frames.add(EventFrames.event("messageStop", Json.obj("stopReason", stopReason(a))));
        frames.add(EventFrames.event(
                "metadata", Json.obj("usage", usage(a.usage()), "metrics", Json.obj("latencyMs", 1))));
        return new StreamReply(EVENT_STREAM, Map.of("x-amzn-RequestId", requestId()), frames);
    }

    @Override
    public HttpReply error(Failure f) {
        return HttpReply.json(f.status(), Json.obj("message", f.message()))
                .withHeader("x-amzn-ErrorType", BedrockErrors.errorType(f.status()))
                .withHeader("x-amzn-RequestId", requestId());
    }

    @Override
    public Failure notFound(String model) {
        return Failure.of(404, "Could not resolve the foundation model from the provided model identifier.");
    }

    @Override
    public byte[] streamError(Failure f) {
        return EventFrames.exception(BedrockErrors.streamExceptionType(f.status()), Json.obj("message", f.message()));
    }

    @Override
    public byte[] malformedFrame() {
        return EventFrames.raw(
                "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] delta(int index, ObjectNode delta) {
        return EventFrames.event("contentBlockDelta", Json.obj("contentBlockIndex", index, "delta", delta));
    }

    /** Like Anthropic on Bedrock: inputTokens excludes cache reads, totalTokens includes them. */
    private static ObjectNode usage(Completion.Usage u) {
        int output = u.outputWithReasoning();
        return Json.obj(
                "inputTokens",
                u.uncachedInputTokens(),
                "outputTokens",
                output,
                "totalTokens",
                u.inputTokens() + output,
                "cacheReadInputTokens",
                u.cachedTokens(),
                "cacheWriteInputTokens",
                0);
    }

    private static String stopReason(Completion a) {
        return switch (a.finish()) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_CALL -> "tool_use";
        };
    }

    private static String toolUseId(Completion a) {
        return "tooluse_" + a.toolCall().id();
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }
}
