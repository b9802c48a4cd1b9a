package dev.switchboard.api.rest;

import dev.switchboard.runtime.config.SwitchboardConfig;
import dev.switchboard.api.http.GatewayHeaders;
import dev.switchboard.api.service.Outcome;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Turns a front door's outcome into a JAX-RS response: JSON, or SSE written incrementally or buffered whole. */
final class Answers {
    private Answers() {}

    static Response of(Outcome outcome, SwitchboardConfig.Streaming.Mode mode, RoutingContext rc) {
        GatewayHeaders.upstreamNanos(rc, outcome.info().upstreamNanos());
        Response.ResponseBuilder ok = switch (outcome) {
            case Outcome.Completed c -> Response.ok(c.json(), MediaType.APPLICATION_JSON_TYPE);
            case Outcome.Streaming s -> sse(s, mode);
        };
        outcome.headers().forEach(ok::header);
        return ok.build();
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
