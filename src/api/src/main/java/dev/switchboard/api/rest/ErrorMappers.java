package dev.switchboard.api.rest;

import dev.switchboard.core.error.AccessDenied;
import dev.switchboard.core.error.AllTargetsFailed;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.frontend.openai.OpenAiResponseWriter;
import dev.switchboard.core.http.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure becomes an OpenAI-style error JSON with the right status; never a stack trace, never a secret.
 * (The Anthropic front door renders its own error shape.)
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response gatewayError(SwitchboardException e) {
        return render(e);
    }

    @ServerExceptionMapper
    public Response webError(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "Unknown request URL. See README, \"API reference\", for the endpoints.";
            case 405 -> "Method not allowed for this URL.";
            case 406 -> "Not acceptable: this endpoint answers application/json or text/event-stream.";
            case 413 -> "Request body too large (switchboard.limits.max-body-size).";
            case 415 -> "Unsupported media type: send application/json.";
            default -> e.getMessage();
        };
        String code = switch (status) {
            case 404 -> "unknown_url";
            case 413 -> "request_too_large";
            default -> null;
        };
        return render(status, new InvalidRequest(ErrorInfo.of(message).withCode(code)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return render(new UpstreamError(ErrorInfo.of("Internal error in the gateway; see its logs (x-request-id).")
                .withCode("internal_error"), false));
    }

    public static Response render(SwitchboardException e) {
        return render(e.httpStatus(), e);
    }

    private static Response render(int status, SwitchboardException e) {
        Response.ResponseBuilder b = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.bytes(OpenAiResponseWriter.error(e)));
        retryAfter(e).ifPresent(s -> b.header("retry-after", s));
        if (e instanceof AccessDenied d) d.headers().forEach(b::header);
        return b.build();
    }

    /** Whole seconds to wait, rounded up, when the error carries the upstream's Retry-After. */
    static java.util.Optional<Long> retryAfter(SwitchboardException e) {
        // when every target was rate limited, the last one's hint is the best the caller can get
        if (e instanceof AllTargetsFailed all && all.httpStatus() == 429) e = all.last();
        if (e instanceof AccessDenied d && d.retryAfter() != null) return java.util.Optional.of(d.retryAfter().toSeconds());
        if (e instanceof RateLimited r && r.retryAfter() != null) {
            return java.util.Optional.of(Math.max(1, (r.retryAfter().toMillis() + 999) / 1000));
        }
        return java.util.Optional.empty();
    }
}
