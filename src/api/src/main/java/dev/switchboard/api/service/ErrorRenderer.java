package dev.switchboard.api.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.AccessDenied;
import dev.switchboard.core.error.AllTargetsFailed;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.frontend.anthropic.AnthropicResponseWriter;
import dev.switchboard.core.frontend.openai.OpenAiResponseWriter;
import dev.switchboard.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How one API dialect answers a failure before anything was written: status, headers (Retry-After) and JSON body.
 * Every runtime (REST resources, error mappers, the Cloud Functions entry point) renders errors here.
 */
public enum ErrorRenderer {
    OPENAI(OpenAiResponseWriter::error),
    ANTHROPIC(AnthropicResponseWriter::error);

    /** A rendered error; {@code headers} holds Retry-After when the error carries the upstream's hint. */
    public record Rendered(int status, Map<String, String> headers, byte[] json) {}

    private final Function<SwitchboardException, ObjectNode> body;

    ErrorRenderer(Function<SwitchboardException, ObjectNode> body) {
        this.body = body;
    }

    public Rendered render(SwitchboardException e) {
        return render(e.httpStatus(), e);
    }

    /** With a status other than the error's own (a framework's 404 or 415 shown as an invalid request). */
    public Rendered render(int status, SwitchboardException e) {
        Map<String, String> headers = new LinkedHashMap<>();
        retryAfterSeconds(e).ifPresent(s -> headers.put(CallHeaders.RETRY_AFTER, String.valueOf(s)));
        // gateway-key refusals carry the x-ratelimit-* headers of the limit that refused
        if (e instanceof AccessDenied d) headers.putAll(d.headers());
        return new Rendered(status, Map.copyOf(headers), Json.bytes(body.apply(e)));
    }

    /** Whole seconds to wait, rounded up, when the error carries the upstream's Retry-After. */
    static Optional<Long> retryAfterSeconds(SwitchboardException e) {
        // when every target was rate limited, the last one's hint is the best the caller can get
        if (e instanceof AllTargetsFailed all && all.httpStatus() == 429) e = all.last();
        if (e instanceof AccessDenied d && d.retryAfter() != null)
            return Optional.of(d.retryAfter().toSeconds());
        if (e instanceof RateLimited r && r.retryAfter() != null) {
            return Optional.of(Math.max(1, (r.retryAfter().toMillis() + 999) / 1000));
        }
        return Optional.empty();
    }
}
