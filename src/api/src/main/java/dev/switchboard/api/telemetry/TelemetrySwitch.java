package dev.switchboard.api.telemetry;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes telemetry off unless asked for, and lets the standard OpenTelemetry variables configure it.
 *
 * <ul>
 *   <li>Every {@code quarkus.otel.*} key not set falls back to its {@code otel.*} twin, so {@code OTEL_*} variables
 *       (as the ADOT Lambda layer and collectors document them) work as well as {@code QUARKUS_OTEL_*}.</li>
 *   <li>{@code quarkus.otel.sdk.disabled}, unless set, is true when no OTLP endpoint is configured and the
 *       Prometheus endpoint is off: no spans, no metric points, no exporter.</li>
 *   <li>With the Prometheus endpoint on but no OTLP endpoint, the OTLP span and metric endpoints are blank, which
 *       Quarkus reads as "no exporter" (instead of its default {@code localhost:4317}, which would fail every few
 *       seconds), and no span is made: neither server spans ({@link ServerSpans}) nor attempt spans (see
 *       {@link TelemetryProducer}). Metrics only.</li>
 *   <li>{@code quarkus.otel.instrument.vertx-http}, unless set, is false: the server span is Switchboard's own
 *       ({@link ServerSpans}), a fraction of the cost of Quarkus's Vert.x HTTP instrumentation; set it to true to
 *       have Quarkus's instead.</li>
 * </ul>
 */
@Priority(Priorities.LIBRARY + 500)
public class TelemetrySwitch implements ConfigSourceInterceptor {
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    static final String METRICS_ENDPOINT = "quarkus.otel.exporter.otlp.metrics.endpoint";
    static final String PROMETHEUS = "switchboard.telemetry.prometheus.enabled";
    static final String SERVER_SPANS = "quarkus.otel.instrument.vertx-http";
    private static final String QUARKUS_OTEL = "quarkus.otel.";
    private static final List<String> ENDPOINTS =
            List.of("quarkus.otel.exporter.otlp.endpoint", TRACES_ENDPOINT, METRICS_ENDPOINT);
    private static final Pattern PER_SIGNAL =
            Pattern.compile("quarkus\\.otel\\.exporter\\.otlp\\.(traces|metrics|logs)\\.(.+)");
    private static final String SOURCE = "switchboard telemetry defaults";
    /** Not empty (SmallRye would read it as unset, then Quarkus takes localhost:4317); Quarkus trims it to none. */
    static final String NO_EXPORTER = " ";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue v = context.proceed(name);
        if (!name.startsWith(QUARKUS_OTEL) || isSet(v)) return v;
        ConfigValue twin = context.proceed(name.substring("quarkus.".length()));
        if (isSet(twin)) return twin.withName(name);
        Matcher signal = PER_SIGNAL.matcher(name);
        if (signal.matches() && !signal.group(2).equals("endpoint")) {
            // OTEL_EXPORTER_OTLP_PROTOCOL, _HEADERS, ... apply to every signal
            ConfigValue common = context.proceed("otel.exporter.otlp." + signal.group(2));
            if (isSet(common)) return common.withName(name);
        }
        return switch (name) {
            case SDK_DISABLED -> !endpointSet(context) && !prometheus(context) ? derived(name, "true") : v;
            // Switchboard makes the server span itself (ServerSpans); Quarkus's only when asked for
            case SERVER_SPANS -> derived(name, "false");
            case TRACES_ENDPOINT, METRICS_ENDPOINT -> endpoint(context, name, v);
            default -> v;
        };
    }

    /**
     * A signal's endpoint: blank (no exporter) when only Prometheus is on; otherwise unset, so Quarkus takes the
     * common endpoint. Quarkus records what the build saw as runtime defaults, so a blank from a build without an
     * endpoint can come back here at runtime and must not hide an endpoint set since.
     */
    private static ConfigValue endpoint(ConfigSourceInterceptorContext context, String name, ConfigValue v) {
        if (endpointSet(context))
            return v == null || v.getValue() == null || v.getValue().isBlank() ? null : v;
        return prometheus(context) ? derived(name, NO_EXPORTER) : v;
    }

    /** Whether spans go anywhere: an OTLP endpoint (common or for traces) is configured. */
    static boolean tracesExported(org.eclipse.microprofile.config.Config config) {
        for (String key : List.of("quarkus.otel.exporter.otlp.endpoint", TRACES_ENDPOINT)) {
            if (isSet(config.getConfigValue(key))) return true;
        }
        return false;
    }

    private static boolean isSet(org.eclipse.microprofile.config.ConfigValue v) {
        if (v == null || v.getValue() == null || v.getValue().isBlank()) return false;
        String source = v.getSourceName();
        return source == null || !source.contains("DefaultValues");
    }

    private static boolean endpointSet(ConfigSourceInterceptorContext context) {
        for (String key : ENDPOINTS) {
            if (isSet(context.proceed(key)) || isSet(context.proceed(key.substring("quarkus.".length())))) return true;
        }
        return false;
    }

    private static boolean prometheus(ConfigSourceInterceptorContext context) {
        ConfigValue v = context.proceed(PROMETHEUS);
        return v != null && "true".equalsIgnoreCase(v.getValue());
    }

    /** Set by someone: not absent, not blank, not a mapping's default. */
    private static boolean isSet(ConfigValue v) {
        if (v == null || v.getValue() == null || v.getValue().isBlank()) return false;
        String source = v.getConfigSourceName();
        return source == null || !source.contains("DefaultValues");
    }

    private static ConfigValue derived(String name, String value) {
        return ConfigValue.builder()
                .withName(name)
                .withValue(value)
                .withConfigSourceName(SOURCE)
                .build();
    }
}
