package dev.switchboard.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.batch.format.BatchLine;
import dev.switchboard.batch.job.LineResult;
import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.error.AllTargetsFailed;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.frontend.ParsedCall;
import dev.switchboard.core.gateway.ChatResult;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.gateway.RequestContext;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.model.Usage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Runs one line through the gateway exactly as the matching HTTP front door would: the front door's reader, {@link
 * Gateway#chat} (routes, fallback, retries, breakers, one cost record per attempt carrying the job id), the front
 * door's writer for the answer or the error.
 */
final class LineRunner {

    /** The upstreams are rate limiting: the line has no result yet and should be tried again after a pause. */
    static final class RateLimitedLine extends Exception {
        private final transient SwitchboardException cause;
        private final transient Duration retryAfter;

        RateLimitedLine(SwitchboardException cause, Duration retryAfter) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
            this.retryAfter = retryAfter;
        }

        SwitchboardException error() {
            return cause;
        }

        /** The upstream's hint, null when it gave none. */
        Duration retryAfter() {
            return retryAfter;
        }
    }

    private final Gateway gateway;
    private final Clock clock;
    private final LongSupplier ticker;

    LineRunner(Gateway gateway, Clock clock, LongSupplier ticker) {
        this.gateway = gateway;
        this.clock = clock;
        this.ticker = ticker;
    }

    /**
     * The line's result; throws {@link RateLimitedLine} instead when every attempt was rate limited and waiting may
     * help (unless {@code lastChance}, when the 429 becomes the line's result).
     */
    LineResult run(String jobId, BatchLine line, boolean lastChance) throws RateLimitedLine {
        String requestId = RequestContext.newRequestId();
        try {
            ParsedCall parsed = line.endpoint().parse(line.body());
            if (parsed.stream()) {
                throw InvalidRequest.forParam("stream", "Streaming is not available in a batch: remove 'stream'.");
            }
            String user = parsed.request().user();
            List<String> tags = user == null || user.isBlank() ? List.of() : List.of("user:" + user);
            ChatResult result = gateway.chat(
                    parsed.request(), new RequestContext(requestId, ticker.getAsLong(), tags, null, jobId));
            return answered(
                    jobId,
                    line,
                    requestId,
                    result.response(),
                    result.info().target(),
                    result.info().price(),
                    clock.instant().getEpochSecond());
        } catch (SwitchboardException e) {
            if (!lastChance && waitMayHelp(e)) throw new RateLimitedLine(e, retryAfter(e));
            return failed(jobId, line, requestId, e);
        }
    }

    /**
     * The checkpoint of an answered line, rendered by the line's front door: the body a real-time call returns, the
     * model named {@code provider/reported model}. Shared by the gateway path and the collection of provider batch
     * jobs, so both write the same output lines.
     */
    static LineResult answered(
            String jobId,
            BatchLine line,
            String requestId,
            ChatResponse r,
            ModelRef target,
            PriceQuote price,
            long at) {
        BigDecimal cost = price == null ? null : price.costUsd();
        String reported = r.model();
        String model = target.provider() + "/" + (reported != null && !reported.isBlank() ? reported : target.model());
        JsonNode body = line.endpoint()
                .render(r, r.id() != null ? r.id() : line.endpoint().newId(requestId), model, at, cost);
        Usage u = r.usage();
        return new LineResult(
                line.line(),
                true,
                output(jobId, line, requestId, 200, body),
                u.inputTokens(),
                u.outputTokens(),
                u.cacheReadTokens(),
                u.reasoningTokens(),
                cost,
                price == null ? null : price.priceVersion());
    }

    /** The checkpoint of a line that ended in an error, with the front door's error body and status. */
    static LineResult failed(String jobId, BatchLine line, String requestId, SwitchboardException e) {
        return errorLine(
                line,
                output(jobId, line, requestId, e.httpStatus(), line.endpoint().error(e)));
    }

    /** The checkpoint of a line that never ran ({@code batch_expired}, {@code batch_cancelled}, ...). */
    static LineResult notRunResult(String jobId, BatchLine line, String code, String message) {
        return errorLine(line, notRun(jobId, line, code, message));
    }

    private static LineResult errorLine(BatchLine line, JsonNode output) {
        return new LineResult(line.line(), false, output, null, null, null, null, null, null);
    }

    /** Rate limited on every attempt, and not for an exhausted quota (which a pause does not fix). */
    static boolean waitMayHelp(SwitchboardException e) {
        if (e instanceof RateLimited r) return r.retriable();
        return e instanceof AllTargetsFailed all && all.httpStatus() == 429 && all.retriable();
    }

    /** The longest wait any attempt's upstream asked for; null when none did. */
    private static Duration retryAfter(SwitchboardException e) {
        List<SwitchboardException> errors = e instanceof AllTargetsFailed all
                ? all.attempts().stream().map(AllTargetsFailed.Attempt::error).toList()
                : List.of(e);
        Duration longest = null;
        for (SwitchboardException x : errors) {
            if (x instanceof RateLimited r
                    && r.retryAfter() != null
                    && (longest == null || r.retryAfter().compareTo(longest) > 0)) longest = r.retryAfter();
        }
        return longest;
    }

    /** An output line with the endpoint's answer (or error body). */
    private static ObjectNode output(String jobId, BatchLine line, String requestId, int status, JsonNode body) {
        ObjectNode out = Json.object();
        out.put("id", JobIds.lineId(jobId, line.line()));
        out.put("custom_id", line.customId());
        ObjectNode response = out.putObject("response");
        response.put("status_code", status);
        response.put("request_id", requestId);
        response.set("body", body);
        out.putNull("error");
        return out;
    }

    /** An output line for a request that never ran (e.g. {@code batch_expired}): no response, an error. */
    static ObjectNode notRun(String jobId, BatchLine line, String code, String message) {
        ObjectNode out = Json.object();
        out.put("id", JobIds.lineId(jobId, line.line()));
        out.put("custom_id", line.customId());
        out.putNull("response");
        ObjectNode error = out.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return out;
    }
}
