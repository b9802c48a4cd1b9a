package dev.switchboard.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.json.Json;
import java.net.http.HttpHeaders;

/**
 * Anthropic error bodies ({"type":"error","error":{"type","message"},"request_id"}) → the sealed error type.
 * The Anthropic error type (overloaded_error, rate_limit_error, ...) is kept as the error code; the request id
 * is appended to the message because Anthropic support asks for it.
 */
final class AnthropicErrors {
    private AnthropicErrors() {}

    static SwitchboardException map(String provider, int status, HttpHeaders headers, byte[] body) {
        JsonNode root = Json.tryParse(body);
        JsonNode error = root == null ? null : root.get("error");
        String type = Json.text(error, "type");
        String message = Json.text(error, "message");
        if (message == null) message = Json.text(root, "message");
        if (message == null && root == null && body != null && body.length > 0) {
            message = "HTTP " + status + " with a non-JSON body";
        }
        String requestId = Json.text(root, "request_id");
        if (requestId == null && headers != null)
            requestId = headers.firstValue("request-id").orElse(null);
        return build(provider, status, headers, type, message, requestId);
    }

    /** An {@code event: error} frame after the 200: its error type stands in for the status it would have had. */
    static SwitchboardException inStream(String provider, JsonNode root) {
        JsonNode error = root.has("error") ? root.get("error") : root;
        String type = Json.text(error, "type");
        int status = switch (type == null ? "" : type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
        return build(provider, status, null, type, Json.text(error, "message"), Json.text(root, "request_id"));
    }

    private static SwitchboardException build(
            String provider, int status, HttpHeaders headers, String type, String message, String requestId) {
        String text = message;
        if (requestId != null) text = (text == null ? "HTTP " + status : text) + " (request_id " + requestId + ")";
        // Anthropic has sent overloaded_error with 500 and 503 as well as 529: the type decides.
        if ("overloaded_error".equals(type) && status != 529 && status != 503) {
            String m = provider + ": " + (text == null ? "overloaded" : HttpErrors.scrub(text));
            return new Overloaded(new ErrorInfo(m, provider, status, type, null));
        }
        return HttpErrors.fromStatus(provider, status, headers, text, type, null);
    }
}
