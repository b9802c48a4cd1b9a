package dev.switchboard.emulator.anthropic;

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

/**
 * Anthropic Messages wire shapes, after {@code conformance/anthropic}: content blocks, {@code input_tokens}
 * excluding cache reads, named SSE events (message_start, content_block_*, ping, message_delta,
 * message_stop) and {@code event: error} for failures inside a stream.
 */
final class AnthropicCodec implements HttpCodec {

    static final String SSE = "text/event-stream; charset=utf-8";

    @Override
    public Conversation read(JsonNode body) {
        return AnthropicReader.read(body);
    }

    @Override
    public HttpReply answer(Completion a, String model) {
        ArrayNode content = Json.arr();
        if (a.reasoning() != null) {
            content.add(Json.obj(
                    "type", "thinking", "thinking", a.reasoning(), "signature", a.reasoningSignature("thinking")));
        }
        if (a.isToolCall()) {
            content.add(Json.obj(
                    "type",
                    "tool_use",
                    "id",
                    toolId(a),
                    "name",
                    a.toolCall().name(),
                    "input",
                    a.toolCall().arguments()));
        } else {
            content.add(Json.obj("type", "text", "text", a.text()));
        }
        ObjectNode usage = usage(a.usage(), a.usage().outputWithReasoning());
        usage.put("service_tier", "standard");
        ObjectNode body = Json.obj(
                "id",
                messageId(a),
                "type",
                "message",
                "role",
                "assistant",
                "model",
                model,
                "content",
                content,
                "stop_reason",
                stopReason(a),
                "stop_sequence",
                null,
                "usage",
                usage);
        return HttpReply.json(200, body).withHeader("request-id", requestId(a.id()));
    }

    @Override
    public StreamReply stream(Completion a, String model) {
        List<byte[]> frames = new ArrayList<>();
        ObjectNode startUsage = usage(a.usage(), 1);
        startUsage.put("service_tier", "standard");
        frames.add(event(
                "message_start",
                Json.obj(
                        "type",
                        "message_start",
                        "message",
                        Json.obj(
                                "id",
                                messageId(a),
                                "type",
                                "message",
                                "role",
                                "assistant",
                                "model",
                                model,
                                "content",
                                Json.arr(),
                                "stop_reason",
                                null,
                                "stop_sequence",
                                null,
                                "usage",
                                startUsage))));
        int index = 0;
        if (a.reasoning() != null) {
            frames.add(blockStart(index, Json.obj("type", "thinking", "thinking", "", "signature", "")));
            frames.add(ping());
            for (String word : Words.chunks(a.reasoning())) {
                frames.add(blockDelta(index, Json.obj("type", "thinking_delta", "thinking", word)));
            }
            frames.add(blockDelta(
                    index, Json.obj("type", "signature_delta", "signature", a.reasoningSignature("thinking"))));
            frames.add(blockStop(index++));
        }
        if (a.isToolCall()) {
            frames.add(blockStart(
                    index,
                    Json.obj(
                            "type",
                            "tool_use",
                            "id",
                            toolId(a),
                            "name",
                            a.toolCall().name(),
                            "input",
                            Json.obj())));
            if (index == 0) {
                frames.add(ping());
            }
            for (String piece : Words.thirds(a.toolCall().argumentsJson())) {
                frames.add(blockDelta(index, Json.obj("type", "input_json_delta", "partial_json", piece)));
            }
        } else {
            frames.add(blockStart(index, Json.obj("type", "text", "text", "")));
            if (index == 0) {
                frames.add(ping());
            }
            for (String word : Words.chunks(a.text())) {
                frames.add(blockDelta(index, Json.obj("type", "text_delta", "text", word)));
            }
        }
        frames.add(blockStop(index));
        frames.add(event(
                "message_delta",
                Json.obj(
                        "type",
                        "message_delta",
                        "delta",
                        Json.obj("stop_reason", stopReason(a), "stop_sequence", null),
                        "usage",
                        usage(a.usage(), a.usage().outputWithReasoning()))));
        frames.add(event("message_stop", Json.obj("type", "message_stop")));
        return new StreamReply(SSE, Map.of("request-id", requestId(a.id())), frames);
    }

    @Override
    public HttpReply error(Failure f) {
        return HttpReply.json(f.status(), errorBody(f)).withHeader("request-id", requestId(null));
    }

    @Override
    public Failure notFound(String model) {
        return Failure.of(404, "model: " + model);
    }

    @Override
    public byte[] streamError(Failure f) {
        return event("error", errorBody(f));
    }

    @Override
    public byte[] malformedFrame() {
        return "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\n\n"
                .getBytes(StandardCharsets.UTF_8);
    }

    static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static ObjectNode errorBody(Failure f) {
        return Json.obj(
                "type",
                "error",
                "error",
                Json.obj("type", errorType(f.status()), "message", f.message()),
                "request_id",
                requestId(null));
    }

    /** Anthropic's input_tokens excludes cache reads; they are reported beside it. */
    private static ObjectNode usage(Completion.Usage u, int outputTokens) {
        return Json.obj(
                "input_tokens",
                u.uncachedInputTokens(),
                "cache_creation_input_tokens",
                0,
                "cache_read_input_tokens",
                u.cachedTokens(),
                "output_tokens",
                outputTokens);
    }

    private static byte[] blockStart(int index, ObjectNode block) {
        return event(
                "content_block_start", Json.obj("type", "content_block_start", "index", index, "content_block", block));
    }

    private static byte[] blockDelta(int index, ObjectNode delta) {
        return event("content_block_delta", Json.obj("type", "content_block_delta", "index", index, "delta", delta));
    }

    private static byte[] blockStop(int index) {
        return event("content_block_stop", Json.obj("type", "content_block_stop", "index", index));
    }

    private static byte[] ping() {
        return event("ping", Json.obj("type", "ping"));
    }

    private static byte[] event(String name, JsonNode data) {
        return ("event: " + name + "\ndata: " + Json.text(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String stopReason(Completion a) {
        return switch (a.finish()) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_CALL -> "tool_use";
        };
    }

    private static String messageId(Completion a) {
        return "msg_" + a.id();
    }

    private static String toolId(Completion a) {
        return "toolu_" + a.toolCall().id();
    }

    private static String requestId(String id) {
        return "req_" + (id == null ? "emulator" + Long.toHexString(System.nanoTime()) : id);
    }
}
