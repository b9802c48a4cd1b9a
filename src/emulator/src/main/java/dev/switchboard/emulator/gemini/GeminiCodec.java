package dev.switchboard.emulator.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.emulator.behavior.Completion;
import dev.switchboard.emulator.behavior.Conversation;
import dev.switchboard.emulator.behavior.Failure;
import dev.switchboard.emulator.behavior.Json;
import dev.switchboard.emulator.http.HttpCodec;
import dev.switchboard.emulator.http.HttpReply;
import dev.switchboard.emulator.http.StreamReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gemini API framing. With {@code alt=sse} chunks are {@code data:} events separated by CRLF CRLF (as in
 * {@code conformance/gemini/stream_text.json}); without it the API streams one JSON array, element by
 * element, so the closing bracket is the terminator.
 */
final class GeminiCodec implements HttpCodec {

    static final String JSON = "application/json; charset=UTF-8";
    private static final String SEPARATOR = "\r\n\r\n";

    private final boolean sse;

    GeminiCodec(boolean sse) {
        this.sse = sse;
    }

    @Override
    public Conversation read(JsonNode body) {
        return GeminiReader.read(body);
    }

    @Override
    public HttpReply answer(Completion a, String model) {
        return HttpReply.json(200, JSON, GeminiResponses.complete(a, model));
    }

    @Override
    public StreamReply stream(Completion a, String model) {
        List<ObjectNode> chunks = GeminiResponses.chunks(a, model);
        List<byte[]> frames = new ArrayList<>();
        if (sse) {
            chunks.forEach(c -> frames.add(sseFrame(c)));
            // SSE has no terminator of its own; an empty frame stands in so cut<n> can withhold the end
            frames.add(new byte[0]);
            return new StreamReply("text/event-stream", Map.of(), frames);
        }
        for (int i = 0; i < chunks.size(); i++) {
            frames.add(((i == 0 ? "[" : ",\r\n") + Json.text(chunks.get(i))).getBytes(StandardCharsets.UTF_8));
        }
        frames.add("]".getBytes(StandardCharsets.UTF_8));
        return new StreamReply(JSON, Map.of(), frames);
    }

    @Override
    public HttpReply error(Failure f) {
        return HttpReply.json(f.status(), JSON, errorBody(f));
    }

    @Override
    public Failure notFound(String model) {
        return Failure.of(
                404,
                "models/" + model + " is not found for API version v1beta, or is not supported for "
                        + "generateContent. Call ModelService.ListModels to see the list of available models and their "
                        + "supported methods.");
    }

    @Override
    public byte[] streamError(Failure f) {
        return sse
                ? sseFrame(errorBody(f))
                : (",\r\n" + Json.text(errorBody(f)) + "]").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] malformedFrame() {
        String broken = "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": ";
        return (sse ? "data: " + broken + SEPARATOR : ",\r\n" + broken).getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode errorBody(Failure f) {
        ObjectNode error =
                Json.obj("code", f.status(), "message", f.message(), "status", GoogleStatus.forHttp(f.status()));
        if (GoogleStatus.carriesRetryInfo(f.status(), f.retryAfterSeconds())) {
            error.set(
                    "details",
                    Json.arr(Json.obj(
                            "@type",
                            "type.googleapis.com/google.rpc.RetryInfo",
                            "retryDelay",
                            GoogleStatus.retryDelaySeconds(f.retryAfterSeconds()) + "s")));
        }
        return Json.obj("error", error);
    }

    private static byte[] sseFrame(JsonNode json) {
        return ("data: " + Json.text(json) + SEPARATOR).getBytes(StandardCharsets.UTF_8);
    }
}
