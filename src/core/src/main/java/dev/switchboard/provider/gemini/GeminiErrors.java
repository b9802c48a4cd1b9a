package dev.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.AuthFailed;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.http.RetryAfter;
import dev.switchboard.core.json.Json;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.time.Duration;

/**
 * Google API errors ({"error":{"code","message","status","details"}}) → the sealed error type. The kind follows
 * the canonical status name (google.rpc.Code), which the REST API and gRPC (Vertex) share; the name is kept as
 * the error code. Public so the Vertex module maps gRPC statuses through the same table.
 */
public final class GeminiErrors {
    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

    private GeminiErrors() {}

    static SwitchboardException map(String provider, int httpStatus, HttpHeaders headers, byte[] body) {
        JsonNode root = Json.tryParse(body);
        // The streaming endpoint without alt=sse answers errors as a one-element array; accept both shapes.
        if (root != null && root.isArray() && !root.isEmpty()) root = root.get(0);
        JsonNode error = root == null ? null : root.get("error");
        if (error == null || !error.isObject()) {
            String message = body != null && body.length > 0 ? "HTTP " + httpStatus + " with a non-JSON body" : null;
            return HttpErrors.fromStatus(provider, httpStatus, headers, message, null, null);
        }
        Duration retry = retryDelay(error.get("details"));
        if (retry == null && headers != null) retry = RetryAfter.from(headers);
        return fromStatus(provider, Json.text(error, "status"), httpStatus, Json.text(error, "message"), retry);
    }

    /** An error object sent inside a 200 stream; its HTTP-equivalent status is error.code. */
    static SwitchboardException inStream(String provider, JsonNode error) {
        int status = error.path("code").asInt(500);
        return fromStatus(
                provider,
                Json.text(error, "status"),
                status,
                Json.text(error, "message"),
                retryDelay(error.get("details")));
    }

    /**
     * @param status     the canonical status name (INVALID_ARGUMENT, ...); null falls back to the HTTP status
     * @param httpStatus the HTTP status (for gRPC: the status's HTTP equivalent), kept as the upstream status
     * @param retryDelay the wait the upstream asked for (RetryInfo), or null
     */
    public static SwitchboardException fromStatus(
            String provider, String status, int httpStatus, String message, Duration retryDelay) {
        String text = provider + ": "
                + (message == null || message.isBlank()
                        ? (status != null ? status : "HTTP " + httpStatus)
                        : HttpErrors.scrub(message));
        ErrorInfo info = new ErrorInfo(text, provider, httpStatus, status, null);
        if (status == null) {
            return httpStatus == 429
                    ? new RateLimited(info, retryDelay)
                    : HttpErrors.fromStatus(provider, httpStatus, null, message, null, null);
        }
        return switch (status) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> new InvalidRequest(info);
            case "RESOURCE_EXHAUSTED" -> new RateLimited(info, retryDelay);
            case "NOT_FOUND" -> new ModelNotFound(info);
            case "UNAUTHENTICATED", "PERMISSION_DENIED" -> new AuthFailed(info);
            case "UNAVAILABLE" -> new Overloaded(info);
            case "DEADLINE_EXCEEDED" -> new Timeout(info);
            case "INTERNAL", "UNKNOWN", "DATA_LOSS", "ABORTED" -> new UpstreamError(info, true);
            // UNIMPLEMENTED, CANCELLED, ALREADY_EXISTS: sending the same request again will not help
            default -> new UpstreamError(info, httpStatus >= 500 && httpStatus != 501);
        };
    }

    /** RetryInfo.retryDelay from error details, a protobuf Duration in JSON form ("33s", "0.5s"). */
    static Duration retryDelay(JsonNode details) {
        if (details == null || !details.isArray()) return null;
        for (JsonNode d : details) {
            if (RETRY_INFO.equals(Json.text(d, "@type"))) {
                Duration delay = parseDuration(Json.text(d, "retryDelay"));
                if (delay != null) return delay;
            }
        }
        return null;
    }

    static Duration parseDuration(String value) {
        if (value == null || !value.endsWith("s")) return null;
        try {
            BigDecimal seconds = new BigDecimal(value.substring(0, value.length() - 1));
            if (seconds.signum() < 0) return null;
            return Duration.ofNanos(seconds.movePointRight(9).toBigInteger().longValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
