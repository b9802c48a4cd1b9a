package dev.switchboard.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.switchboard.runtime.config.SwitchboardConfig;
import dev.switchboard.api.http.GatewayHeaders;
import dev.switchboard.api.http.RequestMeta;
import dev.switchboard.api.service.ChatCompletions;
import dev.switchboard.api.service.Outcome;
import dev.switchboard.core.error.RequestTooLarge;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.frontend.openai.OpenAiResponseWriter;
import dev.switchboard.core.gateway.RequestContext;
import dev.switchboard.core.http.Json;
import io.quarkus.arc.Arc;
import io.quarkus.gcp.functions.http.QuarkusHttpFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

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
        long limit = Arc.container().instance(SwitchboardConfig.class).get().limits().maxBodySize().asLongValue();
        byte[] body = readAtMost(request.getInputStream(), limit);
        if (body == null) {
            error(response, requestId(request), start, new RequestTooLarge(
                    "Request body exceeds the limit of " + limit + " bytes (switchboard.limits.max-body-size)."));
            return;
        }
        JsonNode json = Json.tryParse(body);
        if (json == null || !json.path("stream").asBoolean(false)) {
            quarkus.service(new ReplayedRequest(request, body), response);
            return;
        }
        stream(request, response, body, start);
    }

    private static void stream(HttpRequest request, HttpResponse response, byte[] body, long start) throws IOException {
        String id = requestId(request);
        RequestMeta meta = new RequestMeta(id, start, request.getFirstHeader(RequestMeta.TAGS).orElse(null),
                request.getFirstHeader("x-cloud-trace-context").orElse(null));
        ChatCompletions completions = Arc.container().instance(ChatCompletions.class).get();
        Outcome outcome;
        try {
            outcome = completions.handle(body, meta);
        } catch (SwitchboardException e) {
            error(response, id, start, e);
            return;
        }
        response.setStatusCode(200);
        response.appendHeader(GatewayHeaders.REQUEST_ID, id);
        response.appendHeader(GatewayHeaders.OVERHEAD, overhead(start, outcome.info().upstreamNanos()));
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
    }

    private static void error(HttpResponse response, String id, long start, SwitchboardException e) throws IOException {
        response.setStatusCode(e.httpStatus());
        response.setContentType("application/json");
        response.appendHeader(GatewayHeaders.REQUEST_ID, id);
        response.appendHeader(GatewayHeaders.OVERHEAD, overhead(start, 0));
        response.getOutputStream().write(Json.bytes(OpenAiResponseWriter.error(e)));
    }

    private static String requestId(HttpRequest request) {
        return request.getFirstHeader(GatewayHeaders.REQUEST_ID)
                .filter(v -> v.matches("[A-Za-z0-9._:-]{1,128}"))
                .orElseGet(RequestContext::newRequestId);
    }

    private static String overhead(long start, long upstreamNanos) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, System.nanoTime() - start - upstreamNanos) / 1e6);
    }

    /** The body, or null when it is longer than {@code limit}. */
    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return bytes.length > limit ? null : bytes;
    }
}
