package dev.switchboard.api.http;

import dev.switchboard.runtime.config.SwitchboardConfig;
import dev.switchboard.core.error.RequestTooLarge;
import dev.switchboard.core.frontend.openai.OpenAiResponseWriter;
import dev.switchboard.core.gateway.RequestContext;
import dev.switchboard.core.http.Json;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * First handler of every request, whatever the runtime (local server, Lambda, Cloud Functions): assigns the
 * request id, rejects bodies over the limit by their Content-Length with a JSON 413, and stamps every response
 * with {@code x-request-id} and {@code x-switchboard-overhead-ms} (time spent in the gateway itself: elapsed time
 * minus time waiting on upstreams, as the resource reports it).
 */
@Singleton
public class GatewayHeaders {
    public static final String REQUEST_ID = "x-request-id";
    public static final String OVERHEAD = "x-switchboard-overhead-ms";
    static final String KEY_ID = "switchboard.request-id";
    static final String KEY_START = "switchboard.start-nanos";
    static final String KEY_UPSTREAM = "switchboard.upstream-nanos";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final long maxBody;

    GatewayHeaders(SwitchboardConfig config) {
        this.maxBody = config.limits().maxBodySize().asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
        // Request bodies are read here, on the event loop, before the resources run on their virtual threads:
        // Quarkus REST would otherwise read a blocking resource's body with a blocking stream, a timed wait per
        // request that costs wake-ups of the event loop and of the timer thread (see bench/NOTES.md). The bodies
        // were read whole into memory anyway; the limit is the same as the Content-Length check above.
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(maxBody);
        router.post().order(Integer.MIN_VALUE + 1).handler(rc -> {
            if (isUpload(rc)) rc.next(); else bodies.handle(rc);
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(rc -> {
            if (rc.statusCode() == 413 && !rc.response().headWritten()) {
                tooLarge(rc, "Request body exceeds the limit of " + maxBody
                        + " bytes (switchboard.limits.max-body-size).");
            } else {
                rc.next();
            }
        });
    }

    private void handle(RoutingContext rc) {
        long start = System.nanoTime();
        String incoming = rc.request().getHeader(REQUEST_ID);
        String id = incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : RequestContext.newRequestId();
        rc.put(KEY_ID, id);
        rc.put(KEY_START, start);
        rc.addHeadersEndHandler(v -> {
            rc.response().putHeader(REQUEST_ID, id);
            Long upstream = rc.get(KEY_UPSTREAM);
            long own = System.nanoTime() - start - (upstream == null ? 0 : upstream);
            rc.response().putHeader(OVERHEAD, String.format(Locale.ROOT, "%.3f", Math.max(0, own) / 1e6));
        });
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parse(length) > maxBody && !isUpload(rc)) {
            tooLarge(rc, "Request body of " + length + " bytes exceeds the limit of " + maxBody
                    + " bytes (switchboard.limits.max-body-size).");
            return;
        }
        rc.next();
    }

    /**
     * File uploads (POST /v1/files, multipart) are streamed to disk by the REST layer and have their own limit
     * (switchboard.batch.max-file-size), not the JSON body limit.
     */
    private static boolean isUpload(RoutingContext rc) {
        return rc.request().method() == io.vertx.core.http.HttpMethod.POST && "/v1/files".equals(rc.normalizedPath());
    }

    private static void tooLarge(RoutingContext rc, String message) {
        var response = rc.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        // HTTP/1.1: drop the connection rather than read the rest of an oversized body. HTTP/2 forbids
        // connection-specific headers (clients reject the answer); there the stream is reset instead.
        if (rc.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(Json.write(OpenAiResponseWriter.error(new RequestTooLarge(message))));
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The request id assigned to this request. */
    public static String requestId(RoutingContext rc) {
        String id = rc.get(KEY_ID);
        return id != null ? id : RequestContext.newRequestId();
    }

    public static long startNanos(RoutingContext rc) {
        Long start = rc.get(KEY_START);
        return start != null ? start : System.nanoTime();
    }

    /** Records time spent waiting on upstreams, which the overhead header excludes. */
    public static void upstreamNanos(RoutingContext rc, long nanos) {
        rc.put(KEY_UPSTREAM, nanos);
    }
}
