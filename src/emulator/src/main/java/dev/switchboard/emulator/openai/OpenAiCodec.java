package dev.switchboard.emulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
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
 * OpenAI Chat Completions wire shapes (also served for Azure OpenAI deployments). Mirrors the recorded
 * exchanges in {@code conformance/openai}: usage with details objects, SSE {@code data:} lines ending in
 * {@code [DONE]}, a usage-only chunk with empty choices only when {@code stream_options.include_usage}.
 */
final class OpenAiCodec implements HttpCodec {

    static final String SSE = "text/event-stream; charset=utf-8";
    private static final String FINGERPRINT = "fp_emulator";

    private final boolean azure;
    private final boolean includeUsage;

    OpenAiCodec(boolean azure, boolean includeUsage) {
        this.azure = azure;
        this.includeUsage = includeUsage;
    }

    @Override
    public Conversation read(JsonNode body) {
        return OpenAiReader.read(body);
    }

    @Override
    public HttpReply answer(Completion a, String model) {
        ObjectNode message =
                Json.obj("role", "assistant", "content", a.text(), "refusal", null, "annotations", Json.arr());
        if (a.isToolCall()) {
            message.set(
                    "tool_calls",
                    Json.arr(Json.obj(
                            "id",
                            callId(a),
                            "type",
                            "function",
                            "function",
                            Json.obj(
                                    "name",
                                    a.toolCall().name(),
                                    "arguments",
                                    a.toolCall().argumentsJson()))));
        }
        ObjectNode body = Json.obj(
                "id",
                completionId(a),
                "object",
                "chat.completion",
                "created",
                created(),
                "model",
                model,
                "choices",
                Json.arr(Json.obj("index", 0, "message", message, "logprobs", null, "finish_reason", finishReason(a))),
                "usage",
                usage(a.usage()),
                "service_tier",
                "default",
                "system_fingerprint",
                FINGERPRINT);
        return HttpReply.json(200, body).withHeader("x-request-id", "req_" + a.id());
    }

    @Override
    public StreamReply stream(Completion a, String model) {
        List<byte[]> frames = new ArrayList<>();
        long created = created();
        if (a.isToolCall()) {
            frames.add(chunk(
                    a,
                    model,
                    created,
                    Json.obj(
                            "role",
                            "assistant",
                            "content",
                            null,
                            "tool_calls",
                            Json.arr(Json.obj(
                                    "index",
                                    0,
                                    "id",
                                    callId(a),
                                    "type",
                                    "function",
                                    "function",
                                    Json.obj("name", a.toolCall().name(), "arguments", ""))),
                            "refusal",
                            null),
                    null));
            for (String piece : Words.thirds(a.toolCall().argumentsJson())) {
                frames.add(chunk(
                        a,
                        model,
                        created,
                        Json.obj(
                                "tool_calls", Json.arr(Json.obj("index", 0, "function", Json.obj("arguments", piece)))),
                        null));
            }
        } else {
            frames.add(chunk(a, model, created, Json.obj("role", "assistant", "content", "", "refusal", null), null));
            for (String word : Words.chunks(a.text())) {
                frames.add(chunk(a, model, created, Json.obj("content", word), null));
            }
        }
        frames.add(chunk(a, model, created, Json.obj(), finishReason(a)));
        if (includeUsage) {
            ObjectNode last = envelope(a, model, created, Json.arr());
            last.set("usage", usage(a.usage()));
            frames.add(data(last));
        }
        frames.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        return new StreamReply(SSE, Map.of("x-request-id", "req_" + a.id()), frames);
    }

    @Override
    public HttpReply error(Failure f) {
        return HttpReply.json(f.status(), "application/json; charset=utf-8", errorBody(f));
    }

    @Override
    public Failure notFound(String model) {
        return azure
                ? Failure.of(
                        404,
                        "The API deployment for this resource does not exist. If you created the deployment "
                                + "within the last 5 minutes, please wait a moment and try again.")
                : Failure.of(404, "The model `" + model + "` does not exist or you do not have access to it.");
    }

    @Override
    public byte[] streamError(Failure f) {
        return data(errorBody(f));
    }

    @Override
    public byte[] malformedFrame() {
        return "data: {\"id\":\"chatcmpl-malformed\",\"choices\":[{\"delta\":{\"content\":\n\n"
                .getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode errorBody(Failure f) {
        String type;
        String code = null;
        switch (f.status()) {
            case 400, 422 -> type = "invalid_request_error";
            case 401 -> {
                type = "invalid_request_error";
                code = "invalid_api_key";
            }
            case 403 -> type = "permission_error";
            case 404 -> {
                type = "invalid_request_error";
                code = azure ? "DeploymentNotFound" : "model_not_found";
            }
            case 429 -> {
                type = "requests";
                code = "rate_limit_exceeded";
            }
            default -> type = f.status() >= 500 ? "server_error" : "invalid_request_error";
        }
        return Json.obj("error", Json.obj("message", f.message(), "type", type, "param", null, "code", code));
    }

    private byte[] chunk(Completion a, String model, long created, ObjectNode delta, String finish) {
        ObjectNode c = envelope(
                a,
                model,
                created,
                Json.arr(Json.obj("index", 0, "delta", delta, "logprobs", null, "finish_reason", finish)));
        if (includeUsage) {
            c.putNull("usage");
        }
        return data(c);
    }

    private static ObjectNode envelope(Completion a, String model, long created, JsonNode choices) {
        return Json.obj(
                "id",
                completionId(a),
                "object",
                "chat.completion.chunk",
                "created",
                created,
                "model",
                model,
                "service_tier",
                "default",
                "system_fingerprint",
                FINGERPRINT,
                "choices",
                choices);
    }

    private static byte[] data(JsonNode json) {
        return ("data: " + Json.text(json) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode usage(Completion.Usage u) {
        int completion = u.outputWithReasoning();
        return Json.obj(
                "prompt_tokens", u.inputTokens(),
                "completion_tokens", completion,
                "total_tokens", u.inputTokens() + completion,
                "prompt_tokens_details", Json.obj("cached_tokens", u.cachedTokens(), "audio_tokens", 0),
                "completion_tokens_details",
                        Json.obj(
                                "reasoning_tokens",
                                u.reasoningTokens(),
                                "audio_tokens",
                                0,
                                "accepted_prediction_tokens",
                                0,
                                "rejected_prediction_tokens",
                                0));
    }

    private static String finishReason(Completion a) {
        return switch (a.finish()) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_CALL -> "tool_calls";
        };
    }

    private static String completionId(Completion a) {
        return "chatcmpl-" + a.id();
    }

    private static String callId(Completion a) {
        return "call_" + a.toolCall().id();
    }

    private static long created() {
        return System.currentTimeMillis() / 1000;
    }
}
