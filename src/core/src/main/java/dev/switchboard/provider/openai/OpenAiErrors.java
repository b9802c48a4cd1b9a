package dev.switchboard.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.json.Json;
import java.net.http.HttpHeaders;

/**
 * OpenAI-style error bodies ({"error":{"message","type","param","code"}}) → the sealed error type. Compatible
 * servers vary ({"error":"text"}, {"detail":...}, {"message":...}); whatever text there is becomes the message.
 */
final class OpenAiErrors {
    private OpenAiErrors() {}

    static SwitchboardException map(String provider, int status, HttpHeaders headers, byte[] body) {
        JsonNode root = Json.tryParse(body);
        JsonNode error = root == null ? null : root.get("error");
        String message = message(root, error);
        String code = error == null ? null : Json.text(error, "code");
        String type = error == null ? null : Json.text(error, "type");
        String param = error == null ? null : Json.text(error, "param");
        if (code == null && "insufficient_quota".equals(type)) code = type;
        if ("content_filter".equals(code) || "content_policy_violation".equals(code)) {
            return HttpErrors.contentFiltered(provider, status, message, code);
        }
        if (status == 400 && "model_not_found".equals(code)) {
            // The Responses API answers 400 for an unknown model: still "no such model" to callers (and to fallback),
            // while the error keeps the status the upstream really sent.
            ErrorInfo info = HttpErrors.fromStatus(provider, 404, headers, message, code, param)
                    .info();
            return new ModelNotFound(new ErrorInfo(info.message(), provider, status, code, param));
        }
        if (message == null && body != null && body.length > 0 && root == null) {
            message = "HTTP " + status + " with a non-JSON body";
        }
        return HttpErrors.fromStatus(provider, status, headers, message, code, param);
    }

    /** An {"error":{...}} object sent inside a stream, after the 200. */
    static SwitchboardException inStream(String provider, JsonNode error) {
        String code = Json.text(error, "code");
        String type = Json.text(error, "type");
        int status = switch (type == null ? "" : type) {
            case "rate_limit_error", "rate_limit_exceeded", "tokens", "requests" -> 429;
            case "invalid_request_error" -> 400;
            case "overloaded_error" -> 529;
            default -> 500;
        };
        return HttpErrors.fromStatus(provider, status, null, message(null, error), code, Json.text(error, "param"));
    }

    private static String message(JsonNode root, JsonNode error) {
        if (error != null) {
            if (error.isTextual()) return error.asText();
            String m = Json.text(error, "message");
            if (m != null) return m;
        }
        if (root != null) {
            String m = Json.text(root, "message");
            if (m != null) return m;
            JsonNode detail = root.get("detail");
            if (detail != null) return detail.isTextual() ? detail.asText() : Json.write(detail);
        }
        return null;
    }
}
