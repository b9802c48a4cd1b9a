package dev.switchboard.api.rest;

import dev.switchboard.api.http.GatewayRequestFilter;
import dev.switchboard.api.service.ErrorRenderer;
import dev.switchboard.api.service.Outcome;
import dev.switchboard.runtime.config.SwitchboardConfig;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns a front door's outcome into a JAX-RS response (JSON, or SSE written incrementally or buffered whole), and a
 * rendered error into one.
 */
final class RestResponses {
    private RestResponses() {}

    static Response of(Outcome outcome, SwitchboardConfig.Streaming.Mode mode, RoutingContext rc) {
        GatewayRequestFilter.upstreamNanos(rc, outcome.info().upstreamNanos());
        Response.ResponseBuilder ok = switch (outcome) {
            case Outcome.Completed c -> Response.ok(c.json(), MediaType.APPLICATION_JSON_TYPE);
            case Outcome.Streaming s -> sse(s, mode);
        };
        outcome.headers().forEach(ok::header);
        return ok.build();
    }

    static Response error(ErrorRenderer.Rendered error) {
        Response.ResponseBuilder b = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error.json());
        error.headers().forEach(b::header);
        return b.build();
    }

    private static Response.ResponseBuilder sse(Outcome.Streaming s, SwitchboardConfig.Streaming.Mode mode) {
        Response.ResponseBuilder ok;
        if (mode == SwitchboardConfig.Streaming.Mode.BUFFERED) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                s.writeTo(all);
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
            ok = Response.ok(all.toByteArray(), "text/event-stream");
        } else {
            ok = Response.ok((StreamingOutput) s::writeTo, "text/event-stream");
        }
        return ok.header("cache-control", "no-cache").header("x-accel-buffering", "no");
    }
}
