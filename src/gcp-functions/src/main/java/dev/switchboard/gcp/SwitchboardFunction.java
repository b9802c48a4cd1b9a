package dev.switchboard.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.switchboard.api.http.Admission;
import dev.switchboard.api.service.CallHeaders;
import dev.switchboard.api.service.ChatCompletions;
import dev.switchboard.api.service.ErrorRenderer;
import dev.switchboard.api.service.Outcome;
import dev.switchboard.api.service.RequestMeta;
import dev.switchboard.api.telemetry.ServerSpans;
import dev.switchboard.core.error.RequestTooLarge;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.json.Json;
import dev.switchboard.runtime.config.SwitchboardConfig;
import io.quarkus.arc.Arc;
import io.quarkus.gcp.functions.http.QuarkusHttpFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Cloud Functions (2nd gen) entry point. Streamed chat completions are served here, writing each SSE frame
 * to the response and flushing it, because Quarkus's Cloud Functions bridge buffers whole responses; every other
 * request (and non-streamed chat) goes through that bridge to the same REST resources as the local server.
 */
public class SwitchboardFunction implements HttpFunction {
    private static final String CHAT = "/v1/chat/completions";

    private final QuarkusHttpFunction quarkus = new QuarkusHttpFunction();

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
        if (!"POST".equalsIgnoreCase(request.getMethod()) || !CHAT.equals(request.getPath())) {
            quarkus.service(request, response);
            return;
        }
        long start = System.nanoTime();
        long limit = Arc.container()
                .instance(SwitchboardConfig.class)
                .get()
                .limits()
                .maxBodySize()
                .asLongValue();
        long announced = request.getContentLength();
        Admission.Ticket ticket = Arc.container()
                .instance(Admission.class)
                .get()
                .tryAdmit(announced >= 0 && announced <= limit ? announced : limit);
        if (ticket == null) {
            // Retry-After: the admission's hint, in the error headers below
            error(response, requestId(request), start, withRetryAfter(ErrorRenderer.OPENAI.render(Admission.busy())));
            return;
        }
        byte[] body;
        try {
            body = readAtMost(request.getInputStream(), limit);
            if (body == null) {
                error(
                        response,
                        requestId(request),
                        start,
                        ErrorRenderer.OPENAI.render(new RequestTooLarge("Request body exceeds the limit of " + limit
                                + " bytes (switchboard.limits.max-body-size).")));
                return;
            }
            JsonNode json = Json.tryParse(body);
            if (json != null && json.path("stream").asBoolean(false)) {
                // the router never sees this request, so its server span is made here (none for the rest: the
                // router's ServerSpans makes theirs)
                try (ServerSpans.Outside span = Arc.container()
                        .instance(ServerSpans.class)
                        .get()
                        .outside(
                                "POST",
                                CHAT,
                                request.getPath(),
                                h -> request.getFirstHeader(h).orElse(null))) {
                    span.status(stream(request, response, body, start));
                }
                return;
            }
        } finally {
            // the Quarkus bridge below admits the request again itself (GatewayRequestFilter)
            ticket.release();
        }
        quarkus.service(new ReplayedRequest(request, body), response);
    }

    /** Serves a streamed chat completion; returns the response status. */
    private static int stream(HttpRequest request, HttpResponse response, byte[] body, long start) throws IOException {
        String id = requestId(request);
        RequestMeta meta = new RequestMeta(
                id,
                start,
                request.getFirstHeader(CallHeaders.TAGS).orElse(null),
                request.getFirstHeader(CallHeaders.TRACE).orElse(null),
                request.getContentType().orElse(null),
                RequestMeta.credential(
                        request.getFirstHeader("authorization").orElse(null),
                        request.getFirstHeader("x-api-key").orElse(null)));
        ChatCompletions completions =
                Arc.container().instance(ChatCompletions.class).get();
        Outcome outcome;
        try {
            outcome = completions.handle(body, meta);
        } catch (SwitchboardException e) {
            ErrorRenderer.Rendered error = completions.errors().render(e);
            error(response, id, start, error);
            return error.status();
        }
        response.setStatusCode(200);
        response.appendHeader(CallHeaders.REQUEST_ID, id);
        response.appendHeader(
                CallHeaders.OVERHEAD, CallHeaders.overhead(start, outcome.info().upstreamNanos()));
        outcome.headers().forEach(response::appendHeader);
        OutputStream out = response.getOutputStream();
        switch (outcome) {
            case Outcome.Streaming s -> {
                response.setContentType("text/event-stream");
                response.appendHeader("cache-control", "no-cache");
                s.writeTo(out);
            }
            case Outcome.Completed c -> {
                response.setContentType("application/json");
                out.write(c.json());
            }
        }
        out.flush();
        return 200;
    }

    private static void error(HttpResponse response, String id, long start, ErrorRenderer.Rendered error)
            throws IOException {
        response.setStatusCode(error.status());
        response.setContentType("application/json");
        response.appendHeader(CallHeaders.REQUEST_ID, id);
        response.appendHeader(CallHeaders.OVERHEAD, CallHeaders.overhead(start, 0));
        error.headers().forEach(response::appendHeader);
        response.getOutputStream().write(error.json());
    }

    private static ErrorRenderer.Rendered withRetryAfter(ErrorRenderer.Rendered busy) {
        var headers = new java.util.LinkedHashMap<>(busy.headers());
        headers.put(CallHeaders.RETRY_AFTER, String.valueOf(Admission.RETRY_AFTER_SECONDS));
        return new ErrorRenderer.Rendered(busy.status(), java.util.Map.copyOf(headers), busy.json());
    }

    private static String requestId(HttpRequest request) {
        return CallHeaders.requestId(
                request.getFirstHeader(CallHeaders.REQUEST_ID).orElse(null));
    }

    /** The body, or null when it is longer than {@code limit}. */
    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return bytes.length > limit ? null : bytes;
    }
}
