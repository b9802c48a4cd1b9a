package dev.switchboard.api.http;

import dev.switchboard.api.service.CallHeaders;
import dev.switchboard.api.service.ErrorRenderer;
import dev.switchboard.core.error.RequestTooLarge;
import dev.switchboard.core.gateway.RequestContext;
import dev.switchboard.runtime.config.SwitchboardConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * First handler of every request, whatever the runtime (local server, Lambda, Cloud Functions): assigns the
 * request id, rejects bodies over the limit by their Content-Length with a JSON 413, turns requests away with a 503
 * while too many bodies are in memory ({@link Admission}), and stamps every response
 * with {@code x-request-id} and {@code x-switchboard-overhead-ms} (time spent in the gateway itself: elapsed time
 * minus time waiting on upstreams, as the resource reports it).
 */
@Singleton
public class GatewayRequestFilter {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(GatewayRequestFilter.class);
    static final String KEY_ID = "switchboard.request-id";
    static final String KEY_START = "switchboard.start-nanos";
    static final String KEY_UPSTREAM = "switchboard.upstream-nanos";

    private final long maxBody;
    private final Admission admission;

    GatewayRequestFilter(SwitchboardConfig config, Admission admission) {
        this.maxBody = config.limits().maxBodySize().asLongValue();
        this.admission = admission;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
        // Request bodies are read here, on the event loop, before the resources run on their virtual threads:
        // Quarkus REST would otherwise read a blocking resource's body with a blocking stream, a timed wait per
        // request that costs wake-ups of the event loop and of the timer thread (see bench/NOTES.md). The bodies
        // were read whole into memory anyway; the limit is the same as the Content-Length check above.
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(maxBody);
        router.post().order(Integer.MIN_VALUE + 1).handler(rc -> {
            if (isUpload(rc)) rc.next();
            else bodies.handle(rc);
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(rc -> {
            if (rc.failure() instanceof io.vertx.core.http.HttpClosedException
                    || rc.response().closed()) {
                // the client went away (mid-stream, typically): nothing to answer and no error of the gateway's; the
                // stream's own end records the attempt as client_cancelled
                LOG.debugf(
                        "client closed the connection of %s %s",
                        rc.request().method(), rc.request().path());
                // ended, so the next write of a stream still in progress fails at once and the stream stops
                // (StreamPump), instead of the upstream streaming on, billed, to nobody
                try {
                    if (!rc.response().ended()) rc.response().end();
                } catch (RuntimeException alreadyGone) {
                    // nothing left to end
                }
                return;
            }
            if (rc.statusCode() == 413 && !rc.response().headWritten()) {
                tooLarge(
                        rc,
                        "Request body exceeds the limit of " + maxBody + " bytes (switchboard.limits.max-body-size).");
            } else {
                rc.next();
            }
        });
    }

    private void handle(RoutingContext rc) {
        long start = System.nanoTime();
        String id = CallHeaders.requestId(rc.request().getHeader(CallHeaders.REQUEST_ID));
        rc.put(KEY_ID, id);
        rc.put(KEY_START, start);
        rc.addHeadersEndHandler(v -> {
            rc.response().putHeader(CallHeaders.REQUEST_ID, id);
            Long upstream = rc.get(KEY_UPSTREAM);
            rc.response().putHeader(CallHeaders.OVERHEAD, CallHeaders.overhead(start, upstream == null ? 0 : upstream));
        });
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parse(length) > maxBody && !isUpload(rc)) {
            tooLarge(
                    rc,
                    "Request body of " + length + " bytes exceeds the limit of " + maxBody
                            + " bytes (switchboard.limits.max-body-size).");
            return;
        }
        if (rc.request().method() == io.vertx.core.http.HttpMethod.POST && !isUpload(rc)) {
            // counted before the body is read (uploads stream to disk under their own limit), released when the
            // response is done or the connection is gone
            Admission.Ticket ticket =
                    admission.tryAdmit(length != null && parse(length) >= 0 ? parse(length) : maxBody);
            if (ticket == null) {
                busy(rc);
                return;
            }
            rc.addEndHandler(v -> ticket.release());
        }
        rc.next();
    }

    /** 503 with Retry-After, in the dialect of the endpoint, before a byte of the body is read. */
    private static void busy(RoutingContext rc) {
        ErrorRenderer dialect =
                rc.request().path().startsWith("/v1/messages") ? ErrorRenderer.ANTHROPIC : ErrorRenderer.OPENAI;
        ErrorRenderer.Rendered error = dialect.render(Admission.busy());
        var response = rc.response()
                .setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(CallHeaders.RETRY_AFTER, String.valueOf(Admission.RETRY_AFTER_SECONDS));
        if (rc.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(Buffer.buffer(error.json()));
    }

    /**
     * File uploads (POST /v1/files, multipart) are streamed to disk by the REST layer and have their own limit
     * (switchboard.batch.max-file-size), not the JSON body limit.
     */
    private static boolean isUpload(RoutingContext rc) {
        return rc.request().method() == io.vertx.core.http.HttpMethod.POST && "/v1/files".equals(rc.normalizedPath());
    }

    private static void tooLarge(RoutingContext rc, String message) {
        ErrorRenderer.Rendered error = ErrorRenderer.OPENAI.render(new RequestTooLarge(message));
        var response =
                rc.response().setStatusCode(error.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        // HTTP/1.1: drop the connection rather than read the rest of an oversized body. HTTP/2 forbids
        // connection-specific headers (clients reject the answer); there the stream is reset instead.
        if (rc.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(Buffer.buffer(error.json()));
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
