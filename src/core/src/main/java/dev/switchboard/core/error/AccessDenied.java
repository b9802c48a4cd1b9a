package dev.switchboard.core.error;

import java.time.Duration;
import java.util.Map;

/**
 * The gateway itself refuses the caller: no or a bad gateway key (401 {@code invalid_api_key}), a model the key may
 * not use (403 {@code model_not_allowed}), a spent budget (429 {@code insufficient_quota}) or a rate limit
 * (429 {@code rate_limit_exceeded}). Never retriable by falling over; {@code headers} (Retry-After,
 * x-ratelimit-*) go on the response as they are.
 */
public final class AccessDenied extends SwitchboardException {
    private final int status;
    private final String type;
    private final Duration retryAfter;
    private final Map<String, String> headers;

    private AccessDenied(int status, String type, ErrorInfo info, Duration retryAfter, Map<String, String> headers) {
        super(info, null);
        this.status = status;
        this.type = type;
        this.retryAfter = retryAfter;
        this.headers = Map.copyOf(headers);
    }

    public static AccessDenied invalidKey(String message) {
        return new AccessDenied(
                401, "invalid_request_error", ErrorInfo.of(message).withCode("invalid_api_key"), null, Map.of());
    }

    public static AccessDenied modelNotAllowed(String message) {
        return new AccessDenied(
                403,
                "invalid_request_error",
                ErrorInfo.of(message).withCode("model_not_allowed").withParam("model"),
                null,
                Map.of());
    }

    public static AccessDenied quotaExceeded(String message, Duration retryAfter, Map<String, String> headers) {
        return new AccessDenied(
                429, "insufficient_quota", ErrorInfo.of(message).withCode("insufficient_quota"), retryAfter, headers);
    }

    public static AccessDenied rateLimited(String message, Duration retryAfter, Map<String, String> headers) {
        return new AccessDenied(
                429, "rate_limit_error", ErrorInfo.of(message).withCode("rate_limit_exceeded"), retryAfter, headers);
    }

    /** The gateway could not check the caller's limits and the deployment fails closed. */
    public static AccessDenied ledgerUnavailable(String message) {
        return new AccessDenied(
                503,
                "server_error",
                ErrorInfo.of(message).withCode("ledger_unavailable"),
                Duration.ofSeconds(1),
                Map.of());
    }

    /** When the limit resets (429s); null otherwise. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Response headers that belong with this refusal (x-ratelimit-*). */
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public boolean retriable() {
        return false;
    }

    @Override
    public int httpStatus() {
        return status;
    }

    @Override
    public String openAiType() {
        return type;
    }

    @Override
    public String kind() {
        return "access_denied";
    }
}
