package dev.switchboard.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ErrorDetails;
import com.google.api.gax.rpc.StatusCode;
import com.google.rpc.RetryInfo;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.json.Json;
import dev.switchboard.provider.gemini.GeminiErrors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;

/**
 * gRPC failures → the sealed error type, through the same status-name table as the Gemini REST API (gRPC codes
 * and google.rpc.Code share their names). The upstream status is the code's HTTP equivalent (INVALID_ARGUMENT
 * 400, RESOURCE_EXHAUSTED 429, UNAVAILABLE 503...), the code name is kept as the error code, and a RetryInfo in
 * the status details becomes the retry delay.
 */
final class VertexErrors {
    private VertexErrors() {}

    static SwitchboardException map(String provider, Throwable failure) {
        if (failure instanceof SwitchboardException e) return e;
        if (failure instanceof ApiException e) {
            StatusCode.Code code = e.getStatusCode().getCode();
            return GeminiErrors.fromStatus(
                    provider, code.name(), code.getHttpStatusCode(), description(e), retryDelay(e.getErrorDetails()));
        }
        if (failure instanceof StatusRuntimeException e) {
            StatusCode.Code code =
                    StatusCode.Code.valueOf(e.getStatus().getCode().name());
            return GeminiErrors.fromStatus(
                    provider,
                    code.name(),
                    code.getHttpStatusCode(),
                    e.getStatus().getDescription(),
                    null);
        }
        String detail = failure == null || failure.getMessage() == null ? "" : ": " + failure.getMessage();
        return new UpstreamError(
                ErrorInfo.of("the call to provider '" + provider + "' failed" + detail)
                        .withProvider(provider),
                true,
                failure);
    }

    /**
     * The error of one batch prediction line: its {@code status} text, "Bad Request: {"error": {"code": 400,
     * "message": ..., "status": "INVALID_ARGUMENT"}}", through the same table; a text without that JSON is an
     * upstream error.
     */
    static SwitchboardException fromBatchStatus(String provider, String status) {
        int brace = status.indexOf('{');
        if (brace >= 0) {
            JsonNode error = Json.tryParse(status.substring(brace));
            JsonNode e = error == null ? null : error.path("error");
            if (e != null && e.path("code").canConvertToInt()) {
                int code = e.path("code").asInt();
                if (code >= 400 && code <= 599) {
                    return GeminiErrors.fromStatus(
                            provider,
                            e.path("status").asText(null),
                            code,
                            e.path("message").asText(null),
                            null);
                }
            }
        }
        return GeminiErrors.fromStatus(provider, null, 500, status, null);
    }

    /** The status description, without the "io.grpc.StatusRuntimeException: CODE:" prefix of the message. */
    private static String description(ApiException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException s) {
                Status status = s.getStatus();
                if (status.getDescription() != null) return status.getDescription();
            }
        }
        return e.getMessage();
    }

    private static Duration retryDelay(ErrorDetails details) {
        RetryInfo info = details == null ? null : details.getRetryInfo();
        if (info == null || !info.hasRetryDelay()) return null;
        return Duration.ofSeconds(
                info.getRetryDelay().getSeconds(), info.getRetryDelay().getNanos());
    }
}
