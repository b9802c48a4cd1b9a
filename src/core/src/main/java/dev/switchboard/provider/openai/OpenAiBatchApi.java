package dev.switchboard.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
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
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Native batch jobs on OpenAI ({@code /v1/files} + {@code /v1/batches}) and Azure OpenAI ({@code /openai/files} +
 * {@code /openai/batches} with the provider's api-version, lines addressed to the Global-Batch deployment named by
 * {@code batch.deployment}).
 *
 * <p>Lines are Chat Completions requests built by {@link OpenAiMapping} ({@code custom_id} = the line id); results
 * are read back from both the output and the error file, each matched by {@code custom_id}, answers mapped by
 * {@link OpenAiMapping#fromWire} and per-line errors by {@link OpenAiErrors}. The batch carries {@code metadata
 * {"switchboard_job": jobId}}, which is how {@link #find} recognises it.
 */
final class OpenAiBatchApi implements NativeBatchApi {
    /** OpenAI's (and Azure's) limits for one batch input file. */
    static final int MAX_REQUESTS = 50_000;

    static final long MAX_FILE_BYTES = 200L * 1024 * 1024;
    /** The metadata key that ties a provider batch to its Switchboard job. */
    static final String JOB_KEY = "switchboard_job";
    /** Pages of 100 that {@link #find} reads before giving up: the newest 1,000 batches of the account. */
    static final int FIND_PAGES = 10;

    private final String provider;
    private final OpenAiConfig config;
    private final HttpTransport http;
    private final Map<String, String> headers;
    private final OpenAiFiles files;
    /** Azure: the Global-Batch deployment every line goes to; null = the line's own model. */
    private final String deployment;

    OpenAiBatchApi(
            String provider, OpenAiConfig config, HttpTransport http, Map<String, String> headers, String deployment) {
        this.provider = provider;
        this.config = config;
        this.http = http;
        this.headers = headers;
        this.files = new OpenAiFiles(provider, config, http, headers);
        this.deployment = deployment == null || deployment.isBlank() ? null : deployment;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public Optional<String> unsupported(ChatRequest request) {
        if (config.responses()) {
            return Optional.of("provider '" + provider + "' is configured with api: responses; native batch jobs run"
                    + " Chat Completions lines only");
        }
        return Optional.empty();
    }

    @Override
    public int maxRequests() {
        return MAX_REQUESTS;
    }

    @Override
    public Optional<NativeJob> find(String jobId) {
        String after = null;
        for (int page = 0; page < FIND_PAGES; page++) {
            JsonNode list = get(
                    files.uri("batches", "limit=100" + (after == null ? "" : "&after=" + OpenAiFiles.encode(after))),
                    "batch list");
            List<JsonNode> data = Json.elements(list, "data");
            // newest first: the first match is the newest batch made for the job
            for (JsonNode batch : data) {
                if (jobId.equals(batch.path("metadata").path(JOB_KEY).asText(null))) {
                    return Optional.of(job(batch, jobId));
                }
            }
            if (data.isEmpty() || !list.path("has_more").asBoolean(false)) break;
            after = Json.text(list, "last_id");
            if (after == null) after = Json.text(data.getLast(), "id");
            if (after == null) break;
        }
        return Optional.empty();
    }

    @Override
    public NativeJob create(String jobId, List<NativeRequest> requests) {
        if (requests.isEmpty()) throw new InvalidRequest("a native batch job needs at least one request");
        if (requests.size() > MAX_REQUESTS) {
            throw new InvalidRequest("provider '" + provider + "' takes at most " + MAX_REQUESTS
                    + " requests per batch job, got " + requests.size());
        }
        byte[] input = inputFile(requests);
        if (input.length > MAX_FILE_BYTES) {
            throw new InvalidRequest(ErrorInfo.of("the batch input file for provider '" + provider + "' would be "
                            + input.length / (1024 * 1024) + " MB; its batch API takes at most 200 MB per job")
                    .withCode("batch_file_too_large"));
        }
        // the name only helps a person browsing the account's files; the job id is in the batch's metadata
        String fileId =
                files.upload("switchboard-" + jobId.replaceAll("[^A-Za-z0-9_.-]", "_") + ".jsonl", "batch", input);
        ObjectNode body = Json.object();
        body.put("input_file_id", fileId);
        body.put("endpoint", endpoint());
        body.put("completion_window", "24h");
        body.putObject("metadata").put(JOB_KEY, jobId);
        try {
            return job(post(files.uri("batches", null), body, "batch"), jobId);
        } catch (RuntimeException createFailed) {
            // The batch may exist although its answer was lost (a timeout): adopt it. Otherwise the uploaded file
            // would be an orphan: delete it.
            try {
                Optional<NativeJob> adopted = find(jobId);
                if (adopted.isPresent() && fileId.equals(adopted.get().handles().get("input_file_id"))) {
                    return adopted.get();
                }
            } catch (RuntimeException findFailed) {
                createFailed.addSuppressed(findFailed);
            }
            try {
                files.delete(fileId);
            } catch (RuntimeException deleteFailed) {
                createFailed.addSuppressed(deleteFailed);
            }
            throw createFailed;
        }
    }

    @Override
    public NativeJob refresh(NativeJob job) {
        return job(get(files.uri("batches/" + OpenAiFiles.encode(job.providerJobId()), null), "batch"), job.jobId());
    }

    @Override
    public void cancel(NativeJob job) {
        if (job.state().terminal()) return;
        try {
            post(files.uri("batches/" + OpenAiFiles.encode(job.providerJobId()) + "/cancel", null), null, "batch");
        } catch (SwitchboardException e) {
            // a batch that ended since the caller looked cannot be cancelled, and need not be
            if (!refresh(job).state().terminal()) throw e;
        }
    }

    @Override
    public void results(NativeJob job, Consumer<NativeResult> sink) {
        if (!job.handles().containsKey("output_file_id") && !job.handles().containsKey("error_file_id")) {
            job = refresh(job);
        }
        Set<String> seen = new HashSet<>();
        for (String handle : List.of("output_file_id", "error_file_id")) {
            String fileId = job.handles().get(handle);
            if (fileId != null) OpenAiBatchResults.read(provider, files.content(fileId), seen, sink);
        }
    }

    /** The JSONL input: one Chat Completions request per line, {@code custom_id} = the line id. */
    private byte[] inputFile(List<NativeRequest> requests) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String url = endpoint();
        for (NativeRequest r : requests) {
            ChatRequest request = deployment == null ? r.request() : r.request().withModel(deployment);
            ObjectNode line = Json.object();
            line.put("custom_id", r.lineId());
            line.put("method", "POST");
            line.put("url", url);
            line.set("body", OpenAiMapping.toWire(request, config, false));
            out.writeBytes(Json.bytes(line));
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Azure's batch lines and jobs name the path without the version prefix. */
    private String endpoint() {
        return config.azure() ? "/chat/completions" : "/v1/chat/completions";
    }

    private NativeJob job(JsonNode batch, String jobId) {
        String id = Json.text(batch, "id");
        if (id == null) throw HttpErrors.malformed(provider, "batch without an id");
        String status = batch.path("status").asText("");
        NativeJob.State state = OpenAiBatchResults.state(status);
        JsonNode counts = batch.path("request_counts");
        Integer total = counts.has("total") ? counts.path("total").asInt() : null;
        if (total != null && total == 0 && state == NativeJob.State.PENDING) total = null; // not yet counted
        Map<String, String> handles = new LinkedHashMap<>();
        for (String h : List.of("input_file_id", "output_file_id", "error_file_id")) {
            String v = Json.text(batch, h);
            if (v != null) handles.put(h, v);
        }
        String owner = batch.path("metadata").path(JOB_KEY).asText(jobId);
        return new NativeJob(
                provider,
                id,
                owner,
                state,
                total,
                counts.has("completed") ? counts.path("completed").asInt() : null,
                counts.has("failed") ? counts.path("failed").asInt() : null,
                OpenAiBatchResults.message(status, batch.path("errors")),
                handles);
    }

    private JsonNode get(java.net.URI uri, String what) {
        return files.object(http.send(HttpCall.get(uri, headers, OpenAiFiles.CALL_TIMEOUT)), what);
    }

    private JsonNode post(java.net.URI uri, JsonNode body, String what) {
        byte[] bytes = body == null ? new byte[0] : Json.bytes(body);
        return files.object(http.send(HttpCall.postJson(uri, headers, bytes, OpenAiFiles.CALL_TIMEOUT)), what);
    }
}
