package dev.switchboard.core.http;

import dev.switchboard.core.error.AuthFailed;
import dev.switchboard.core.error.ContentFiltered;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.RequestTooLarge;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.spi.SecretValues;
import java.net.http.HttpHeaders;
import java.util.regex.Pattern;

/**
 * The status-to-kind table every HTTP provider shares. A provider's error mapper extracts message and code from
 * its own body shape, handles its special cases, and hands the rest to {@link #fromStatus}.
 */
public final class HttpErrors {
    // Upstreams sometimes echo (part of) the key back: "Incorrect API key provided: sk-proj-****abcd".
    private static final Pattern SECRETS = Pattern.compile(
            "(sk-(?:proj-|ant-)?[A-Za-z0-9_*\\-]{4,}|AIza[0-9A-Za-z_\\-]{10,}|AKIA[0-9A-Z]{12,}|Bearer\\s+\\S+)");

    private HttpErrors() {}

    public static SwitchboardException fromStatus(
            String provider, int status, HttpHeaders headers, String message, String code, String param) {
        String text = provider + ": " + (message == null || message.isBlank() ? "HTTP " + status : scrub(message));
        ErrorInfo info = new ErrorInfo(text, provider, status, code, param);
        return switch (status) {
            case 400, 422 -> new InvalidRequest(info);
            case 401, 403 -> new AuthFailed(info);
            case 404 -> new ModelNotFound(info);
            case 408, 504 -> new Timeout(info);
            case 409 -> new UpstreamError(info, true);
            case 413 -> new RequestTooLarge(info);
            case 429 -> new RateLimited(info, headers == null ? null : RetryAfter.from(headers));
            case 503, 529 -> new Overloaded(info);
            default -> status >= 500 ? new UpstreamError(info, true) : new UpstreamError(info, false);
        };
    }

    public static ContentFiltered contentFiltered(String provider, int status, String message, String code) {
        return new ContentFiltered(new ErrorInfo(provider + ": " + scrub(message), provider, status, code, null));
    }

    /** Removes anything that looks like a credential from upstream text before it reaches a caller or a log. */
    public static String scrub(String message) {
        return message == null
                ? null
                : SECRETS.matcher(SecretValues.redact(message)).replaceAll("[redacted]");
    }

    /** An answer the gateway could not read (malformed JSON where JSON was due). */
    public static UpstreamError malformed(String provider, String what) {
        return new UpstreamError(
                ErrorInfo.of(provider + ": malformed response (" + what + ")")
                        .withProvider(provider)
                        .withCode("malformed_response"),
                true);
    }
}
