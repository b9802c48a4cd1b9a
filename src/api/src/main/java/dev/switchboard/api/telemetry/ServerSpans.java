package dev.switchboard.api.telemetry;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quarkus.opentelemetry.runtime.QuarkusContextStorage;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The SERVER span of each request, made by the first handler of the router (local server, Lambda and Cloud Functions
 * bridges alike) instead of Quarkus's Vert.x HTTP instrumentation, which is off by default
 * ({@code quarkus.otel.instrument.vertx-http}, see {@link TelemetrySwitch}): that instrumenter costs about three times
 * what this span does per request (bench/NOTES.md §12.2, §13), mostly in attribute extractors and their semconv
 * variants. Same contract: it continues the caller's trace through the configured propagators (W3C
 * {@code traceparent}; on Lambda also X-Ray), is the current context of the request's Vert.x context (where the
 * resources, on their virtual threads, and the attempt spans find it), is named {@code METHOD route-template} (the
 * method alone when no route matched), carries the HTTP semantic-convention attributes, is an ERROR with
 * {@code error.type} on a 5xx, and ends when the response (a stream's last byte included) is written or the connection
 * closes. Paths under the non-application root ({@code /q/...}) get no span, as with Quarkus's
 * {@code quarkus.otel.traces.suppress-non-application-uris}. Setting {@code quarkus.otel.instrument.vertx-http=true}
 * brings Quarkus's instrumentation back and turns this one off, so a request never has two server spans.
 */
@Singleton
public class ServerSpans {
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
    /**
     * Where Quarkus REST leaves the matched resource's path template (in the request's Vert.x context). Quarkus's
     * {@code VertxRoute} is not read: every endpoint here is a REST resource, and it names unmatched requests {@code /}.
     */
    private static final String REST_TEMPLATE = "UrlPathTemplate";

    private static final TextMapGetter<HttpServerRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServerRequest carrier) {
            return carrier.headers().names();
        }

        @Override
        public String get(HttpServerRequest carrier, String key) {
            return carrier == null ? null : carrier.getHeader(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    /** {@code /q/}, or null when non-application endpoints are traced too */
    private final String suppressed;

    private final boolean enabled;
    /**
     * {@code quarkus.http.proxy.proxy-address-forwarding}: scheme and authority are what a trusted proxy forwarded,
     * from Quarkus's parser of the forwarding headers. Otherwise they are read from the connection and the
     * {@code Host} header: the parser, which computes every forwarded property of the request at its first use, was
     * about 3 % of telemetry's CPU per request for values that are the connection's anyway (bench/NOTES.md §18).
     */
    private final boolean forwarded;
    /** spans are exported: requests served outside the router get their server span from {@link #outside} */
    private final boolean outsideEnabled;

    ServerSpans(OpenTelemetry otel) {
        Config config = ConfigProvider.getConfig();
        this.outsideEnabled = spansExported(config);
        this.enabled = outsideEnabled && !quarkusServerSpans(config);
        this.forwarded = config.getOptionalValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class)
                .orElse(false);
        this.tracer = otel.getTracer(OtelGatewayObserver.SCOPE);
        this.propagator = otel.getPropagators().getTextMapPropagator();
        this.suppressed = config.getOptionalValue("quarkus.otel.traces.suppress-non-application-uris", Boolean.class)
                        .orElse(true)
                ? nonApplicationRoot(config)
                : null;
    }

    /**
     * Spans are exported (an OTLP endpoint), the SDK is on and Quarkus's own server span is off (the default): the
     * handler is installed. Otherwise the router is left as it is: no cost at all on the request path.
     */
    static boolean enabled(Config config) {
        return spansExported(config) && !quarkusServerSpans(config);
    }

    /** The SDK is on and spans go somewhere (an OTLP endpoint). */
    private static boolean spansExported(Config config) {
        return !config.getOptionalValue(TelemetrySwitch.SDK_DISABLED, Boolean.class)
                        .orElse(false)
                && TelemetrySwitch.tracesExported(config);
    }

    /** Quarkus's Vert.x HTTP instrumentation asked for: it makes the router's server spans instead. */
    private static boolean quarkusServerSpans(Config config) {
        return config.getOptionalValue(TelemetrySwitch.SERVER_SPANS, Boolean.class)
                .orElse(false);
    }

    private static String nonApplicationRoot(Config config) {
        String root = config.getOptionalValue("quarkus.http.non-application-root-path", String.class)
                .orElse("q");
        if (!root.startsWith("/")) {
            String http = config.getOptionalValue("quarkus.http.root-path", String.class)
                    .orElse("/");
            root = (http.endsWith("/") ? http : http + "/") + root;
        }
        return root.endsWith("/") ? root : root + "/";
    }

    // before GatewayRequestFilter (same order, installed first): rejected requests (413, 503) get their span too
    void install(@Observes @Priority(1) Router router) {
        if (enabled) router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = request.path();
        io.vertx.core.Context vertx = ((HttpServerRequestInternal) request).context();
        if ((suppressed != null && path != null && (path.startsWith(suppressed) || isRoot(path)))
                || !VertxContext.isDuplicatedContext(vertx)) {
            // a context that is not the request's own would carry the span into later requests
            rc.next();
            return;
        }
        String method = request.method().name();
        Context parent = propagator.extract(Context.root(), request, HEADERS);
        Span span = serverSpan(parent, method, method, path)
                .setAttribute(SCHEME, scheme(request))
                .startSpan();
        if (span.isRecording()) {
            HostAndPort authority = authority(request);
            if (authority != null) {
                span.setAttribute(SERVER_ADDRESS, authority.host());
                if (authority.port() > 0) span.setAttribute(SERVER_PORT, authority.port());
            }
            // which SDK and version call (semconv: recommended); url.query is left out, as a caller may put a key there
            String agent = request.getHeader(HttpHeaderNames.USER_AGENT);
            if (agent != null) span.setAttribute(USER_AGENT, agent);
        }
        // what Quarkus's instrumentation does with its span: the request's Vert.x context carries it from here on
        QuarkusContextStorage.INSTANCE.attach(vertx, parent.with(span));
        rc.addEndHandler(done -> end(span, rc, vertx, method));
        rc.next();
    }

    private String scheme(HttpServerRequest request) {
        if (forwarded) return request.scheme();
        return request.connection().isSsl() ? "https" : "http";
    }

    private HostAndPort authority(HttpServerRequest request) {
        if (forwarded) return request.authority();
        String host = request.getHeader(HttpHeaderNames.HOST);
        // HTTP/2 names the authority in a pseudo-header, not in Host: the request's own parse
        return host == null ? request.authority() : HostAndPort.parseAuthority(host, -1);
    }

    private static final TextMapGetter<Function<String, String>> LOOKUP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of();
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    /**
     * The SERVER span of a request that an entry point serves itself, outside the Vert.x router (the Cloud Functions
     * entry point writes streamed chat completions to its own response): it continues the caller's trace from
     * {@code header} (a header's first value by name, or null) through the configured propagators and is current on
     * the calling thread until closed, so the attempt spans made there are its children. Made whenever spans are
     * exported, Quarkus's instrumentation or not (it never sees these requests); otherwise a no-op.
     */
    public Outside outside(String method, String route, String path, Function<String, String> header) {
        if (!outsideEnabled) return Outside.NONE;
        Context parent = propagator.extract(Context.root(), header, LOOKUP);
        Span span = serverSpan(parent, method + " " + route, method, path)
                .setAttribute(ROUTE, route)
                .startSpan();
        return new Outside(span, parent.with(span).makeCurrent());
    }

    /** What every server span starts with, on the router or outside it. */
    private SpanBuilder serverSpan(Context parent, String name, String method, String path) {
        return tracer.spanBuilder(name)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, method)
                .setAttribute(PATH, path);
    }

    /** An {@link #outside} span: {@link #status} once the response status is known, then closed. */
    public static final class Outside implements AutoCloseable {
        static final Outside NONE = new Outside(Span.getInvalid(), Scope.noop());
        private final Span span;
        private final Scope scope;

        private Outside(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        public void status(int status) {
            if (span.isRecording()) ServerSpans.status(span, status);
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }

    private boolean isRoot(String path) {
        return path.length() == suppressed.length() - 1 && suppressed.startsWith(path);
    }

    private static void end(Span span, RoutingContext rc, io.vertx.core.Context vertx, String method) {
        if (!span.isRecording()) return;
        String route = vertx.getLocal(REST_TEMPLATE);
        if (route != null && !route.isEmpty()) {
            span.updateName(method + " " + route);
            span.setAttribute(ROUTE, route);
        }
        status(span, rc.response().getStatusCode());
        span.end();
    }

    /** The response status; a 5xx makes the span an ERROR with the status as {@code error.type}. */
    private static void status(Span span, int status) {
        span.setAttribute(STATUS, status);
        if (status >= 500) {
            span.setAttribute(GenAi.ERROR_TYPE, Integer.toString(status));
            span.setStatus(StatusCode.ERROR);
        }
    }
}
