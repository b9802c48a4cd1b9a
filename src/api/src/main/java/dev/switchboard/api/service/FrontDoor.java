package dev.switchboard.api.service;

import dev.switchboard.api.auth.AccessControl;
import dev.switchboard.api.auth.Pass;
import dev.switchboard.auth.GatewayKey;
import dev.switchboard.core.frontend.FrameWriter;
import dev.switchboard.core.frontend.ParsedCall;
import dev.switchboard.core.frontend.RequestLimits;
import dev.switchboard.core.gateway.ChatResult;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.gateway.GatewayStream;
import dev.switchboard.core.gateway.RequestContext;
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
    private final RequestLimits limits;
    private final AccessControl access;

    protected FrontDoor(Gateway gateway, RequestLimits limits, AccessControl access) {
        this.gateway = gateway;
        this.limits = limits;
        this.access = access;
    }

    /** Reads the request body into canonical form; throws a 400-class error on a bad request. */
    protected abstract P parse(byte[] body);

    /** The id for an answer whose upstream reported none. */
    protected abstract String newId(RequestContext ctx);

    /** The writer of one stream's frames. */
    protected abstract FrameWriter writer(P parsed, String id, String model);

    /** The whole (non-streamed) answer in this dialect, as the body's bytes. */
    protected abstract byte[] render(ChatResponse response, String id, String model, BigDecimal costUsd);

    /** How this dialect answers a failure thrown by {@link #handle}. */
    public abstract ErrorRenderer errors();

    public final Outcome handle(byte[] body, RequestMeta meta) {
        RequestLimits.checkJsonContentType(meta.contentType());
        GatewayKey key = access.authenticate(meta.credential(), meta.requestId());
        P parsed = parse(body);
        limits.checkImages(parsed.request());
        Pass pass = access.admit(
                key, parsed.request(), meta.context(parsed.request().user()));
        RequestContext ctx = pass.context();
        if (parsed.stream()) {
            GatewayStream stream;
            try {
                stream = gateway.stream(parsed.request(), ctx);
            } catch (RuntimeException e) {
                access.settle(pass, null, null);
                throw e;
            }
            String id = idOrNew(stream.accumulated().toResponse().id(), ctx);
            FrameWriter writer = writer(
                    parsed,
                    id,
                    CallHeaders.model(stream.info(), stream.accumulated().model()));
            return new Outcome.Streaming(stream.info(), out -> {
                try {
                    StreamPump.pump(stream, writer, out);
                } finally {
                    access.settle(pass, stream.accumulated().usage(), stream.quote());
                }
            });
        }
        ChatResult result;
        try {
            result = gateway.chat(parsed.request(), ctx);
        } catch (RuntimeException e) {
            access.settle(pass, null, null);
            throw e;
        }
        access.settle(pass, result.response().usage(), result.info().price());
        ChatResponse r = result.response();
        BigDecimal cost =
                result.info().price() == null ? null : result.info().price().costUsd();
        byte[] json = render(r, idOrNew(r.id(), ctx), CallHeaders.model(result.info(), r.model()), cost);
        return new Outcome.Completed(json, result.info());
    }

    private String idOrNew(String id, RequestContext ctx) {
        return id != null ? id : newId(ctx);
    }
}
