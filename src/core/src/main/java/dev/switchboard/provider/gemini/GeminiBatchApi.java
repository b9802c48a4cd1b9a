package dev.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.RequestTooLarge;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.http.HttpCall;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.http.HttpTransport;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeRequest;
import dev.switchboard.core.nativebatch.NativeResult;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Gemini API batch mode with inlined requests: {@code models/{model}:batchGenerateContent} creates a batch (a
 * long-running operation {@code batches/{id}} whose metadata is the {@code GenerateContentBatch}), polled with
 * {@code GET batches/{id}}, whose output, once done, holds the inlined responses. Line bodies are {@link
 * GeminiRequestMapping#toWire} bodies, answers go through {@link GeminiResponseMapping#fromWire}, line errors (a
 * {@code google.rpc.Status}) through {@link GeminiErrors}.
 *
 * <p>Finding the batch of a Switchboard job: the batch's {@code display_name} is the job id, and {@link #find}
 * lists the project's batches and picks the newest with that name, running or ended. A create whose answer was
 * lost is thus found by the next run, before it creates again.
 *
 * <p>Matching: each inlined request carries {@code metadata.key} = its line id, and each response echoes it.
 * Google also promises responses in request order, and answers have been seen without their metadata; for those,
 * the request order recorded at create ({@link NativeJob#handles()} {@value #ORDER}, as compact runs such as
 * "1-500") names the line, and only when the output has exactly one response per request.
 *
 * <p>Limits: inlined input is capped at {@value #MAX_INLINE_MB} MB per batch (Google's limit); larger jobs would need
 * the file input (an upload through the Files API and a JSONL responses file), which this class does not do: such
 * a create fails with a clear error before anything is sent.
 */
public final class GeminiBatchApi implements NativeBatchApi {
    static final int MAX_INLINE_MB = 20;
    static final long MAX_INLINE_BYTES = MAX_INLINE_MB * 1024L * 1024L;
    /** At ~2 KB a line, what fits in {@value #MAX_INLINE_MB} MB; the byte cap is checked at create. */
    static final int MAX_REQUESTS = 10_000;
    /** The handle holding the request order. */
    static final String ORDER = "order";

    private static final int MAX_ORDER_CHARS = 2_000;
    private static final int LIST_PAGE = 100;
    private static final int MAX_LIST_PAGES = 20;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(5);
    /** The output is part of the batch itself: up to the whole batch's answers in one GET. */
    private static final Duration RESULTS_TIMEOUT = Duration.ofMinutes(5);

    private final String provider;
    private final GeminiConfig config;
    private final HttpTransport http;
    private final Map<String, String> headers;

    GeminiBatchApi(String provider, GeminiConfig config, HttpTransport http, Map<String, String> headers) {
        this.provider = provider;
        this.config = config;
        this.http = http;
        this.headers = headers;
    }

    @Override
    public String provider() {
        return provider;
    }

    /** Anything generateContent takes runs in a batch; what cannot be mapped at all is named here. */
    @Override
    public Optional<String> unsupported(ChatRequest request) {
        try {
            if (Json.bytes(GeminiRequestMapping.toWire(request, GeminiService.AI_STUDIO)).length > MAX_INLINE_BYTES) {
                return Optional.of("a request larger than " + MAX_INLINE_MB + " MB (Gemini batch input is inlined)");
            }
            return Optional.empty();
        } catch (InvalidRequest e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public int maxRequests() {
        return MAX_REQUESTS;
    }

    @Override
    public Optional<NativeJob> find(String jobId) {
        JsonNode newest = null;
        String pageToken = null;
        Set<String> seenTokens = new HashSet<>();
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            JsonNode list = get(config.batchListUri(pageToken, LIST_PAGE), CALL_TIMEOUT);
            List<JsonNode> ops = Json.elements(list, "operations");
            if (ops.isEmpty()) ops = Json.elements(list, "batches");
            for (JsonNode op : ops) {
                JsonNode batch = batch(op);
                if (!jobId.equals(Json.text(batch, "displayName"))) continue;
                if (newest == null || createTime(batch).compareTo(createTime(batch(newest))) > 0) newest = op;
            }
            pageToken = Json.text(list, "nextPageToken");
            if (pageToken == null || pageToken.isEmpty() || !seenTokens.add(pageToken)) break;
        }
        return newest == null ? Optional.empty() : Optional.of(toJob(newest, jobId, Map.of()));
    }

    @Override
    public NativeJob create(String jobId, List<NativeRequest> requests) {
        if (requests.isEmpty() || requests.size() > MAX_REQUESTS) {
            throw new InvalidRequest(
                    "A Gemini batch here holds 1 to " + MAX_REQUESTS + " requests, not " + requests.size() + ".");
        }
        String model = requests.getFirst().request().model();
        ObjectNode body = Json.object();
        ObjectNode batch = body.putObject("batch");
        batch.put("display_name", jobId);
        ArrayNode lines = batch.putObject("input_config").putObject("requests").putArray("requests");
        for (NativeRequest r : requests) {
            if (!model.equals(r.request().model())) {
                throw new InvalidRequest("Every request of one Gemini batch targets the same model.");
            }
            ObjectNode line = lines.addObject();
            line.set("request", GeminiRequestMapping.toWire(r.request(), GeminiService.AI_STUDIO));
            line.putObject("metadata").put("key", r.lineId());
        }
        byte[] bytes = Json.bytes(body);
        if (bytes.length > MAX_INLINE_BYTES) {
            throw new RequestTooLarge("The batch is " + bytes.length / (1024 * 1024) + " MB; Gemini takes at most "
                    + MAX_INLINE_MB + " MB of inlined requests per batch.");
        }
        JsonNode op = object(http.send(HttpCall.postJson(config.batchCreateUri(model), headers, bytes, CREATE_TIMEOUT))
                .body());
        String order =
                BatchOrder.encode(requests.stream().map(NativeRequest::lineId).toList());
        return toJob(op, jobId, order == null || order.length() > MAX_ORDER_CHARS ? Map.of() : Map.of(ORDER, order));
    }

    @Override
    public NativeJob refresh(NativeJob job) {
        return toJob(get(config.batchUri(job.providerJobId(), ""), CALL_TIMEOUT), job.jobId(), job.handles());
    }

    @Override
    public void cancel(NativeJob job) {
        if (job.state().terminal()) return;
        try {
            http.send(HttpCall.postJson(
                    config.batchUri(job.providerJobId(), ":cancel"), headers, new byte[] {'{', '}'}, CALL_TIMEOUT));
        } catch (InvalidRequest e) {
            // FAILED_PRECONDITION: the batch ended meanwhile, which is the outcome asked for
            if (!refresh(job).state().terminal()) throw e;
        }
    }

    /** Answers and line errors of the inlined responses; lines without a response are left out (not run). */
    @Override
    public void results(NativeJob job, Consumer<NativeResult> sink) {
        JsonNode op = get(config.batchUri(job.providerJobId(), ""), RESULTS_TIMEOUT);
        JsonNode output = batch(op).path("output");
        if (output.isMissingNode()) output = op.path("response");
        if (output.hasNonNull("responsesFile")) {
            throw new UpstreamError(
                    ErrorInfo.of(provider + ": the batch answered in a responses file; Switchboard reads inlined "
                                    + "responses only")
                            .withProvider(provider),
                    false);
        }
        List<JsonNode> items = Json.elements(output.path("inlinedResponses"), "inlinedResponses");
        List<String> order = BatchOrder.decode(job.handles().get(ORDER));
        boolean positional = order != null && order.size() == items.size();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String lineId = Json.text(item.path("metadata"), "key");
            if (lineId == null && positional) lineId = order.get(i);
            if (lineId == null || !lineId.matches("[a-z0-9]{1,11}") || !seen.add(lineId)) continue;
            NativeResult result = result(lineId, item);
            if (result != null) sink.accept(result);
        }
    }

    private NativeResult result(String lineId, JsonNode item) {
        JsonNode error = item.get("error");
        if (error != null && error.isObject()) return NativeResult.error(lineId, lineError(error));
        JsonNode response = item.get("response");
        if (response == null || !response.isObject()) return null;
        try {
            return NativeResult.answer(lineId, GeminiResponseMapping.fromWire(response));
        } catch (SwitchboardException e) {
            return NativeResult.error(lineId, e);
        }
    }

    /**
     * A line's error, a {@code google.rpc.Status}: its {@code code} is the numeric gRPC code (3, not 400) and it has
     * no status name, unlike an HTTP error body, whose shape is accepted too.
     */
    SwitchboardException lineError(JsonNode status) {
        int code = status.path("code").asInt(2);
        String name = Json.text(status, "status");
        int http = code;
        if (code >= 0 && code < RPC_CODES.length) {
            if (name == null) name = RPC_CODES[code];
            http = RPC_HTTP[code];
        }
        return GeminiErrors.fromStatus(
                provider, name, http, Json.text(status, "message"), GeminiErrors.retryDelay(status.get("details")));
    }

    /** google.rpc.Code by number, and the HTTP status Google maps each to. */
    private static final String[] RPC_CODES = {
        "OK",
        "CANCELLED",
        "UNKNOWN",
        "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED",
        "NOT_FOUND",
        "ALREADY_EXISTS",
        "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED",
        "FAILED_PRECONDITION",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNIMPLEMENTED",
        "INTERNAL",
        "UNAVAILABLE",
        "DATA_LOSS",
        "UNAUTHENTICATED"
    };

    private static final int[] RPC_HTTP = {
        200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503, 500, 401
    };

    /** The GenerateContentBatch of an operation (its metadata); a bare batch is accepted too. */
    private static JsonNode batch(JsonNode op) {
        JsonNode metadata = op.get("metadata");
        return metadata != null && metadata.isObject() ? metadata : op;
    }

    private static String createTime(JsonNode batch) {
        String t = Json.text(batch, "createTime");
        return t == null ? "" : t; // RFC 3339 in UTC ("Z"): ordered as text
    }

    NativeJob toJob(JsonNode op, String jobId, Map<String, String> handles) {
        String name = Json.text(op, "name");
        JsonNode batch = batch(op);
        if (name == null) name = Json.text(batch, "name");
        if (name == null) throw HttpErrors.malformed(provider, "a batch operation has no name");
        String raw = Json.text(batch, "state");
        String state = raw == null ? "" : raw.replaceFirst("^(BATCH|JOB)_STATE_", "");
        JsonNode opError = op.get("error");
        String message = opError != null && opError.isObject() ? Json.text(opError, "message") : null;
        NativeJob.State mapped = switch (state) {
            case "PENDING" -> NativeJob.State.PENDING;
            case "RUNNING" -> NativeJob.State.RUNNING;
            case "SUCCEEDED" -> NativeJob.State.COMPLETED;
            case "FAILED" -> NativeJob.State.FAILED;
            case "CANCELLED" -> NativeJob.State.CANCELLED;
            case "EXPIRED" -> NativeJob.State.EXPIRED;
            // unspecified or new: a finished operation with an error failed, anything else is still going
            default ->
                op.path("done").asBoolean(false) && message != null ? NativeJob.State.FAILED : NativeJob.State.PENDING;
        };
        if (mapped == NativeJob.State.EXPIRED && message == null) {
            message = "the batch expired before Gemini ran every request (24-hour window)";
        }
        JsonNode stats = batch.path("batchStats");
        return new NativeJob(
                provider,
                name,
                jobId,
                mapped,
                count(stats, "requestCount"),
                count(stats, "successfulRequestCount"),
                count(stats, "failedRequestCount"),
                message == null ? null : HttpErrors.scrub(message),
                handles);
    }

    /** An int64 count, which proto JSON writes as a string. */
    private static Integer count(JsonNode stats, String field) {
        JsonNode v = stats.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isNumber()) return v.asInt();
        try {
            return Integer.valueOf(v.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private JsonNode get(java.net.URI uri, Duration timeout) {
        return object(http.send(HttpCall.get(uri, headers, timeout)).body());
    }

    private JsonNode object(byte[] body) {
        JsonNode json = Json.tryParse(body);
        if (json == null || !json.isObject()) throw HttpErrors.malformed(provider, "a batch operation is not JSON");
        return json;
    }
}
