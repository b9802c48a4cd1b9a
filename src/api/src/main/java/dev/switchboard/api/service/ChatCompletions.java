package dev.switchboard.api.service;

import dev.switchboard.api.http.RequestMeta;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.frontend.openai.OpenAiChunkWriter;
import dev.switchboard.core.frontend.openai.OpenAiRequestReader;
import dev.switchboard.core.frontend.openai.OpenAiResponseWriter;
import dev.switchboard.core.frontend.openai.ParsedChatRequest;
import dev.switchboard.core.gateway.CallInfo;
import dev.switchboard.core.gateway.ChatResult;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.gateway.GatewayStream;
import dev.switchboard.core.gateway.RequestContext;
import dev.switchboard.core.http.Json;
import dev.switchboard.core.model.StreamEvent;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OpenAI Chat Completions endpoint without any HTTP framework: parse, call the gateway, render. The REST
 * resource and the Cloud Functions streaming handler both call this, so every runtime shares one path into the
 * core. Failures before anything is written are thrown (the caller renders the error with its status).
 */
@Singleton
public class ChatCompletions {

    /** What to answer. */
    public sealed interface Outcome permits Completed, Streaming {
        CallInfo info();

        /** x-switchboard-* headers describing how the request was served. */
        default Map<String, String> headers() {
            return CallHeaders.of(info());
        }
    }

    /** A complete JSON answer. */
    public record Completed(byte[] json, CallInfo info) implements Outcome {}

    /** An SSE answer to be written as it arrives; {@link #writeTo} closes the stream in every case. */
    public record Streaming(CallInfo info, Body body) implements Outcome {
        public void writeTo(OutputStream out) throws IOException {
            body.writeTo(out);
        }
    }

    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Gateway gateway;

    public ChatCompletions(Gateway gateway) {
        this.gateway = gateway;
    }

    public Outcome handle(byte[] body, RequestMeta meta) {
        ParsedChatRequest parsed = OpenAiRequestReader.read(body);
        RequestContext ctx = meta.context(parsed.request().user());
        return parsed.stream() ? stream(parsed, ctx) : complete(parsed, ctx);
    }

    private Completed complete(ParsedChatRequest parsed, RequestContext ctx) {
        ChatResult result = gateway.chat(parsed.request(), ctx);
        var r = result.response();
        String id = r.id() != null ? r.id() : "chatcmpl-" + ctx.requestId();
        byte[] json = Json.bytes(OpenAiResponseWriter.completion(r, id, CallHeaders.model(result.info(), r.model()),
                Instant.now().getEpochSecond(), result.info().price() == null ? null : result.info().price().costUsd()));
        return new Completed(json, result.info());
    }

    private Streaming stream(ParsedChatRequest parsed, RequestContext ctx) {
        GatewayStream stream = gateway.stream(parsed.request(), ctx);
        CallInfo info = stream.info();
        String id = stream.accumulated().toResponse().id();
        OpenAiChunkWriter writer = new OpenAiChunkWriter(id != null ? id : "chatcmpl-" + ctx.requestId(),
                CallHeaders.model(info, stream.accumulated().model()), Instant.now().getEpochSecond(), parsed.includeUsage());
        return new Streaming(info, out -> pump(stream, writer, out));
    }

    /** Writes events as they arrive; an upstream failure mid-stream becomes an error frame, a gone client a cancel. */
    static void pump(GatewayStream stream, OpenAiChunkWriter writer, OutputStream out) throws IOException {
        try (stream) {
            try {
                for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
                    byte[] frame = writer.write(e);
                    if (frame.length > 0) {
                        out.write(frame);
                        out.flush();
                    }
                }
            } catch (SwitchboardException e) {
                out.write(OpenAiChunkWriter.error(e));
                out.flush();
                return;
            }
            out.write(writer.end(stream.quote() == null ? null : stream.quote().costUsd()));
            out.flush();
        }
    }

    /** Response headers that say how a request was served, and the model name callers see. */
    public static final class CallHeaders {
        private CallHeaders() {}

        public static Map<String, String> of(CallInfo info) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("x-switchboard-route", info.route());
            h.put("x-switchboard-target", info.target().toString());
            h.put("x-switchboard-attempts", String.valueOf(info.attempts()));
            if (info.price() != null && info.price().costUsd() != null) {
                h.put("x-switchboard-cost-usd", info.price().costUsd().toPlainString());
            }
            return h;
        }

        /** Provider-prefixed, as the upstream reported it when it did. */
        public static String model(CallInfo info, String reported) {
            return info.target().provider() + "/" + (reported != null && !reported.isBlank() ? reported : info.target().model());
        }
    }
}
