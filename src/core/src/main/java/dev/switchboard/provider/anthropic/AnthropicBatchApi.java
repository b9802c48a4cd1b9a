package dev.switchboard.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.RequestTooLarge;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.http.HttpCall;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.http.HttpTransport;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeRequest;
import dev.switchboard.core.nativebatch.NativeResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Anthropic's Message Batches API: {@code POST /v1/messages/batches} with {@code {custom_id, params}} requests,
 * polled with {@code GET /v1/messages/batches/{id}}, results streamed as JSONL from {@code .../results}. Line
 * bodies are {@link AnthropicMapping#toWire} bodies, answers go through {@link AnthropicMapping#fromWire}, line
 * errors through {@link AnthropicErrors}. Results are always read from the configured base URL (as the official
 * SDKs do), never from the batch's {@code results_url}, so the API key only ever goes to the configured host.
 *
 * <p><b>Finding the batch of a Switchboard job.</b> A message batch carries no metadata, tags or client token:
 * the batch object shows only ids, counts and times. The only job-specific thing Anthropic keeps is each request's
 * {@code custom_id}, which is {@code <tag>-<lineId>}, the tag a hash of the Switchboard job id ({@link #tag}), and
 * custom ids are visible only in the results, i.e. once the batch has ended. So {@link #find}:
 *
 * <ol>
 *   <li>knows the batches this process created (a retry in the same process: the local server's poller, a step
 *       that failed after the create returned);</li>
 *   <li>otherwise lists the batches created in the last {@link #FIND_LOOKBACK} and reads the first result line of
 *       each ended one (at most {@link #MAX_PROBES} per call, each batch once per process): a batch whose custom
 *       ids carry the job's tag is that job's batch, whatever the order of its results.</li>
 * </ol>
 *
 * <p><b>A create whose answer was lost</b> (the process died, the call timed out after Anthropic accepted the
 * batch) leaves a running batch that {@link #find} cannot attribute. The orchestration records a create-only
 * intent (time, request count) before every create; on a retry with an intent and nothing found, {@link
 * #unattributed} lists the running batches created since the intent (less {@link #ADOPT_SKEW} for clocks) with
 * exactly that many requests, leaving out batches this process created for other jobs. The caller adopts a single
 * candidate; with several it creates nothing and waits until they end and {@link #find} tells them apart by tag, so
 * a lost create never becomes a second billed batch. A wrong adoption (the create was in fact refused and another
 * job of the same size started in the window) cannot hand over another job's answers: {@link #results} keeps only
 * lines carrying the job's tag, and {@link #refresh} fails the job with that reason once the batch has ended and its
 * results show another job's tag.
 */
public final class AnthropicBatchApi implements NativeBatchApi {
    /** Anthropic's limits per batch: 100,000 requests or 256 MB of request body, whichever comes first. */
    static final int MAX_REQUESTS = 100_000;

    static final long MAX_BODY_BYTES = 256L * 1024 * 1024;
    /** How far back {@link #find} looks: retries of a lost create come within minutes, the backstop within hours. */
    static final Duration FIND_LOOKBACK = Duration.ofHours(24);
    /** How much earlier than a recorded create intent a lost batch may carry as its creation time (clock skew). */
    static final Duration ADOPT_SKEW = Duration.ofMinutes(5);
    /** Ended batches whose first result line {@link #find} reads per call. */
    static final int MAX_PROBES = 20;

    /** The handle marking a batch adopted by size and time ({@link #unattributed}), checked by tag once it ends. */
    static final String ADOPTED = "adopted";

    private static final int LIST_PAGE = 100;
    private static final int MAX_LIST_PAGES = 20;
    private static final int MEMORY = 10_000;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** A create uploads up to 256 MB. */
    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(10);

    private static final String JSONL = "application/x-jsonl";

    private final String provider;
    private final AnthropicConfig config;
    private final HttpTransport http;
    private final Map<String, String> headers;
    private final Clock clock;
    /** Switchboard job id → batch id, for batches this process created. */
    private final Map<String, String> created = bounded();
    /** Ended batch id → the tag of its custom ids ("" when it has none of ours): results never change. */
    private final Map<String, String> probed = bounded();

    AnthropicBatchApi(
            String provider, AnthropicConfig config, HttpTransport http, Map<String, String> headers, Clock clock) {
        this.provider = provider;
        this.config = config;
        this.http = http;
        this.headers = headers;
        this.clock = clock;
    }

    @Override
    public String provider() {
        return provider;
    }

    /** Anything the Messages API takes runs in a batch; what cannot be mapped at all is named here. */
    @Override
    public Optional<String> unsupported(ChatRequest request) {
        try {
            AnthropicMapping.toWire(request, false);
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
        String known = created.get(jobId);
        if (known != null) {
            try {
                return Optional.of(toJob(get(known), jobId));
            } catch (ModelNotFound gone) { // deleted since: look further
                created.remove(jobId);
            }
        }
        String tag = tag(jobId);
        Instant since = clock.instant().minus(FIND_LOOKBACK);
        int probes = 0;
        String after = null;
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            JsonNode list = object(send(HttpCall.get(config.batchListUri(after, LIST_PAGE), headers, CALL_TIMEOUT)));
            for (JsonNode batch : Json.elements(list, "data")) {
                Instant createdAt = AnthropicProvider.instant(Json.text(batch, "created_at"));
                if (createdAt != null && createdAt.isBefore(since)) return Optional.empty();
                String id = Json.text(batch, "id");
                if (id == null || !resultsReadable(batch)) continue;
                String seen = probed.get(id);
                if (seen == null) {
                    if (probes++ >= MAX_PROBES) return Optional.empty();
                    seen = probe(id);
                    probed.put(id, seen);
                }
                if (seen.equals(tag)) {
                    created.put(jobId, id);
                    return Optional.of(toJob(batch, jobId));
                }
            }
            after = Json.text(list, "last_id");
            if (!list.path("has_more").asBoolean(false) || after == null) break;
        }
        return Optional.empty();
    }

    @Override
    public List<NativeJob> unattributed(String jobId, int requests, Instant submittedAt) {
        Instant since = submittedAt.minus(ADOPT_SKEW);
        List<NativeJob> candidates = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            JsonNode list = object(send(HttpCall.get(config.batchListUri(after, LIST_PAGE), headers, CALL_TIMEOUT)));
            for (JsonNode batch : Json.elements(list, "data")) {
                Instant createdAt = AnthropicProvider.instant(Json.text(batch, "created_at"));
                if (createdAt != null && createdAt.isBefore(since)) return candidates;
                String id = Json.text(batch, "id");
                // an ended batch is attributed by its results (find), not by its size
                if (id == null || "ended".equals(Json.text(batch, "processing_status"))) continue;
                if (created.containsValue(id) && !id.equals(created.get(jobId))) continue; // another job's
                NativeJob job = toJob(batch, jobId);
                if (job.total() == requests) candidates.add(withHandles(job, Map.of(ADOPTED, "unattributed")));
            }
            after = Json.text(list, "last_id");
            if (!list.path("has_more").asBoolean(false) || after == null) break;
        }
        return candidates;
    }

    @Override
    public NativeJob create(String jobId, List<NativeRequest> requests) {
        if (requests.isEmpty() || requests.size() > MAX_REQUESTS) {
            throw new InvalidRequest("An Anthropic message batch holds 1 to " + MAX_REQUESTS + " requests, not "
                    + requests.size() + ".");
        }
        String tag = tag(jobId);
        ObjectNode body = Json.object();
        ArrayNode lines = body.putArray("requests");
        for (NativeRequest r : requests) {
            ObjectNode line = lines.addObject();
            line.put("custom_id", tag + "-" + r.lineId());
            line.set("params", AnthropicMapping.toWire(r.request(), false));
        }
        byte[] bytes = Json.bytes(body);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new RequestTooLarge("The batch is " + bytes.length / (1024 * 1024)
                    + " MB; Anthropic takes at most 256 MB per message batch.");
        }
        JsonNode batch = object(send(HttpCall.postJson(config.batchesUri(), headers, bytes, CREATE_TIMEOUT)));
        NativeJob job = toJob(batch, jobId);
        created.put(jobId, job.providerJobId());
        return job;
    }

    /**
     * An adopted batch is checked once it has ended: if its custom ids carry another job's tag, the lost create was
     * in fact refused and the batch is someone else's, so the job fails with that reason (none of it is billed here:
     * {@link #results} keeps only this job's lines).
     */
    @Override
    public NativeJob refresh(NativeJob job) {
        JsonNode batch = get(job.providerJobId());
        NativeJob now = toJob(batch, job.jobId());
        if (!job.handles().containsKey(ADOPTED) || job.jobId() == null) return now;
        if (!now.state().terminal()) return withHandles(now, job.handles());
        String seen = resultsReadable(batch) ? probe(now.providerJobId()) : "";
        if (seen.isEmpty() || seen.equals(tag(job.jobId()))) return now;
        return now.withState(
                NativeJob.State.FAILED,
                "the batch adopted after a lost create answer turned out to hold another job's requests; run the job"
                        + " again");
    }

    private static NativeJob withHandles(NativeJob j, Map<String, String> handles) {
        return new NativeJob(
                j.provider(),
                j.providerJobId(),
                j.jobId(),
                j.state(),
                j.total(),
                j.succeeded(),
                j.failed(),
                j.message(),
                handles);
    }

    @Override
    public void cancel(NativeJob job) {
        if (job.state().terminal()) return;
        try {
            send(HttpCall.postJson(
                    config.batchUri(job.providerJobId(), "/cancel"), headers, new byte[0], CALL_TIMEOUT));
        } catch (InvalidRequest e) {
            // Anthropic refuses to cancel a batch that has ended meanwhile; that is the outcome asked for
            if (!refresh(job).state().terminal()) throw e;
        }
    }

    /**
     * Succeeded lines become answers and errored lines errors; canceled and expired lines were never run and are
     * left out (the caller records them as not run), as are lines that do not carry this job's tag.
     */
    @Override
    public void results(NativeJob job, Consumer<NativeResult> sink) {
        String tag = job.jobId() == null ? null : tag(job.jobId());
        Set<String> seen = new HashSet<>();
        try (BufferedReader in = results(job.providerJobId())) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode row = Json.tryParse(line);
                if (row == null || !row.isObject()) throw HttpErrors.malformed(provider, "a batch result is not JSON");
                String lineId = lineId(Json.text(row, "custom_id"), tag);
                if (lineId == null || !seen.add(lineId)) continue;
                NativeResult result = result(lineId, row.path("result"));
                if (result != null) sink.accept(result);
            }
        } catch (IOException e) {
            throw HttpErrors.malformed(provider, "the batch results broke off: " + e.getMessage());
        }
    }

    private NativeResult result(String lineId, JsonNode result) {
        return switch (result.path("type").asText("")) {
            case "succeeded" -> answer(lineId, result.path("message"));
            case "errored" -> NativeResult.error(lineId, lineError(result.path("error")));
            default -> null; // canceled, expired: not run
        };
    }

    private static NativeResult answer(String lineId, JsonNode message) {
        try {
            return NativeResult.answer(lineId, AnthropicMapping.fromWire(message));
        } catch (SwitchboardException e) {
            return NativeResult.error(lineId, e);
        }
    }

    private SwitchboardException lineError(JsonNode error) {
        return AnthropicErrors.inStream(provider, error.isObject() ? error : Json.object());
    }

    /** The line id of a custom id made by {@link #create} for the job tagged {@code tag} (any tag when null). */
    static String lineId(String customId, String tag) {
        if (customId == null) return null;
        int dash = customId.lastIndexOf('-');
        if (dash <= 0) return null;
        if (tag != null && !customId.substring(0, dash).equals(tag)) return null;
        String lineId = customId.substring(dash + 1);
        return lineId.matches("[a-z0-9]{1,11}") ? lineId : null;
    }

    /**
     * The custom-id prefix of a Switchboard job's lines: "sb" and 64 bits of the job id's SHA-256, so two jobs share
     * a tag only by a 2^-64 accident, and the job id itself (which may name a customer) is not sent.
     */
    static String tag(String jobId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(jobId.getBytes(StandardCharsets.UTF_8));
            return "sb" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The tag of an ended batch's first result line, "" if it has none of ours or is gone. */
    private String probe(String batchId) {
        try (BufferedReader in = results(batchId)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                String customId = Json.text(Json.tryParse(line), "custom_id");
                int dash = customId == null ? -1 : customId.lastIndexOf('-');
                return dash > 0 ? customId.substring(0, dash) : "";
            }
            return "";
        } catch (ModelNotFound deleted) {
            return "";
        } catch (IOException e) {
            throw HttpErrors.malformed(provider, "the batch results broke off: " + e.getMessage());
        }
    }

    private BufferedReader results(String batchId) {
        InputStream body =
                http.openBody(HttpCall.get(config.batchUri(batchId, "/results"), headers, CALL_TIMEOUT), JSONL);
        return new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    private JsonNode get(String batchId) {
        return object(send(HttpCall.get(config.batchUri(batchId, ""), headers, CALL_TIMEOUT)));
    }

    private byte[] send(HttpCall call) {
        return http.send(call).body();
    }

    private JsonNode object(byte[] body) {
        JsonNode json = Json.tryParse(body);
        if (json == null || !json.isObject()) throw HttpErrors.malformed(provider, "a message batch is not JSON");
        return json;
    }

    /** Results are served once processing has ended, until the batch is archived (29 days). */
    private static boolean resultsReadable(JsonNode batch) {
        return "ended".equals(Json.text(batch, "processing_status")) && Json.text(batch, "archived_at") == null;
    }

    NativeJob toJob(JsonNode batch, String jobId) {
        String id = Json.text(batch, "id");
        if (id == null) throw HttpErrors.malformed(provider, "a message batch has no id");
        JsonNode counts = batch.path("request_counts");
        int processing = counts.path("processing").asInt(0);
        int succeeded = counts.path("succeeded").asInt(0);
        int errored = counts.path("errored").asInt(0);
        int canceled = counts.path("canceled").asInt(0);
        int expired = counts.path("expired").asInt(0);
        int total = processing + succeeded + errored + canceled + expired;
        NativeJob.State state;
        String message = null;
        switch (Json.text(batch, "processing_status") == null ? "" : Json.text(batch, "processing_status")) {
            case "ended" -> {
                if (Json.text(batch, "archived_at") != null) {
                    state = NativeJob.State.FAILED;
                    message = "Anthropic archived the batch; its results are no longer available";
                } else if (Json.text(batch, "cancel_initiated_at") != null) {
                    state = NativeJob.State.CANCELLED;
                    if (canceled > 0) message = canceled + " requests were cancelled before they ran";
                } else if (expired > 0) {
                    state = NativeJob.State.EXPIRED;
                    message = expired + " requests expired before Anthropic ran them (24-hour window)";
                } else {
                    state = NativeJob.State.COMPLETED;
                }
            }
            case "in_progress", "canceling" -> state = NativeJob.State.RUNNING;
            default -> state = NativeJob.State.PENDING; // a status added later: keep polling
        }
        return new NativeJob(provider, id, jobId, state, total, succeeded, errored, message, Map.of());
    }

    private static Map<String, String> bounded() {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > MEMORY;
            }
        });
    }
}
