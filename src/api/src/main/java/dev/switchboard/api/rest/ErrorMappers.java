package dev.switchboard.api.rest;

import dev.switchboard.api.service.ErrorRenderer;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.UpstreamError;
import jakarta.ws.rs.WebApplicationException;
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
        return render(new UpstreamError(
                ErrorInfo.of("Internal error in the gateway; see its logs (x-request-id).")
                        .withCode("internal_error"),
                false));
    }

    public static Response render(SwitchboardException e) {
        return RestResponses.error(ErrorRenderer.OPENAI.render(e));
    }

    private static Response render(int status, SwitchboardException e) {
        return RestResponses.error(ErrorRenderer.OPENAI.render(status, e));
    }
}
