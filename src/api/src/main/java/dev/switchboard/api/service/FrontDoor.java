package dev.switchboard.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.frontend.FrameWriter;
import dev.switchboard.core.frontend.ParsedCall;
import dev.switchboard.core.gateway.ChatResult;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.gateway.GatewayStream;
import dev.switchboard.core.gateway.RequestContext;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatResponse;
import java.math.BigDecimal;

/**
 * One API dialect in front of the gateway, without any HTTP framework: parse, call the gateway, render. Every
 * runtime (REST resource, Cloud Functions handler) calls {@link #handle}, so they share one path into the core.
 * Failures before anything is written are thrown; the caller renders them with their status.
 *
 * @param <P> what this dialect's request reader returns
 */
public abstract class FrontDoor<P extends ParsedCall> {
    private final Gateway gateway;

    protected FrontDoor(Gateway gateway) {
        this.gateway = gateway;
    }

    /** Reads the request body into canonical form; throws a 400-class error on a bad request. */
    protected abstract P parse(byte[] body);

    /** The id for an answer whose upstream reported none. */
    protected abstract String newId(RequestContext ctx);

    /** The writer of one stream's frames. */
    protected abstract FrameWriter writer(P parsed, String id, String model);

    /** The whole (non-streamed) answer in this dialect. */
    protected abstract JsonNode render(ChatResponse response, String id, String model, BigDecimal costUsd);

    /** How this dialect answers a failure thrown by {@link #handle}. */
    public abstract ErrorRenderer errors();

    public final Outcome handle(byte[] body, RequestMeta meta) {
        P parsed = parse(body);
        RequestContext ctx = meta.context(parsed.request().user());
        if (parsed.stream()) {
            GatewayStream stream = gateway.stream(parsed.request(), ctx);
            String id = idOrNew(stream.accumulated().toResponse().id(), ctx);
            FrameWriter writer = writer(parsed, id, CallHeaders.model(stream.info(), stream.accumulated().model()));
            return new Outcome.Streaming(stream.info(), out -> StreamPump.pump(stream, writer, out));
        }
        ChatResult result = gateway.chat(parsed.request(), ctx);
        ChatResponse r = result.response();
        BigDecimal cost = result.info().price() == null ? null : result.info().price().costUsd();
        JsonNode json = render(r, idOrNew(r.id(), ctx), CallHeaders.model(result.info(), r.model()), cost);
        return new Outcome.Completed(Json.bytes(json), result.info());
    }

    private String idOrNew(String id, RequestContext ctx) {
        return id != null ? id : newId(ctx);
    }
}
