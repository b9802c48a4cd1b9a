package dev.switchboard.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.aiplatform.v1.BatchPredictionJob;
import com.google.cloud.aiplatform.v1.GcsDestination;
import com.google.cloud.aiplatform.v1.GcsSource;
import com.google.cloud.aiplatform.v1.GenerateContentRequest;
import com.google.cloud.aiplatform.v1.JobServiceClient;
import com.google.cloud.aiplatform.v1.ListBatchPredictionJobsRequest;
import com.google.protobuf.Timestamp;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeRequest;
import dev.switchboard.core.nativebatch.NativeResult;
import dev.switchboard.provider.gemini.GeminiRequestMapping;
import dev.switchboard.provider.gemini.GeminiResponseMapping;
import dev.switchboard.provider.gemini.GeminiService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Vertex AI batch prediction jobs (JobService v1) for Gemini models, files in Cloud Storage.
 *
 * <p>A Switchboard job becomes one {@code BatchPredictionJob}: display name = the job id, label {@code
 * switchboard_job} = the job id (as a label value), input {@code gs://<bucket>/<prefix><job id>/input.jsonl} with
 * one {@code {"request": GenerateContentRequest}} per line (built by the live path's mapping), predictions under
 * {@code .../output/}. Vertex echoes each request but no id, so every request carries its line id in its own
 * {@code labels} ({@code switchboard_line}) and results are matched by that label, never by position.
 */
final class VertexBatchApi implements NativeBatchApi {
    /** Label keys with '_', not '-': list filters (AIP-160) read a '-' in a field path as an operator. */
    static final String JOB_LABEL = "switchboard_job";

    static final String LINES_LABEL = "switchboard_lines";
    static final String LINE_LABEL = "switchboard_line";
    /** Vertex: at most 200,000 requests per batch job (and a 1 GB input file). */
    static final int MAX_REQUESTS = 200_000;
    /** Vertex allows 64 labels per request; one is the line id. */
    private static final int MAX_CALLER_LABELS = 63;

    private static final Pattern LINE_ID = Pattern.compile("[a-z0-9]{1,11}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[a-z0-9_-]{1,63}");
    private static final Set<StatusCode.Code> NOT_CREATED = Set.of(
            StatusCode.Code.INVALID_ARGUMENT,
            StatusCode.Code.NOT_FOUND,
            StatusCode.Code.PERMISSION_DENIED,
            StatusCode.Code.UNAUTHENTICATED,
            StatusCode.Code.FAILED_PRECONDITION,
            StatusCode.Code.RESOURCE_EXHAUSTED);

    private final String provider;
    private final VertexConfig config;
    private final JobServiceClient jobs;
    private final VertexBatchFiles files;
    private final String prefix;

    VertexBatchApi(String provider, VertexConfig config, JobServiceClient jobs, VertexBatchFiles files, String prefix) {
        this.provider = provider;
        this.config = config;
        this.jobs = jobs;
        this.files = files;
        this.prefix = prefix;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public Optional<String> unsupported(ChatRequest request) {
        String model = request.model() == null ? "" : request.model();
        String id = model.substring(model.lastIndexOf('/') + 1);
        boolean google = !model.contains("/") || model.startsWith("publishers/google/models/");
        if (!google || !id.startsWith("gemini") || id.contains("embedding") || id.contains("live")) {
            return Optional.of("Vertex batch prediction runs Gemini models only (publishers/google/models/gemini-*); '"
                    + model + "' is not one");
        }
        JsonNode labels = request.extensions().get("labels");
        if (labels != null && labels.isObject()) {
            if (labels.has(LINE_LABEL)) {
                return Optional.of(
                        "the label '" + LINE_LABEL + "' is reserved in Vertex batch jobs (it carries the line id)");
            }
            if (labels.size() > MAX_CALLER_LABELS) {
                return Optional.of("Vertex batch requests take at most " + MAX_CALLER_LABELS
                        + " labels (one of Vertex's 64 carries the line id)");
            }
        }
        try {
            wire(request, "l1");
        } catch (SwitchboardException e) {
            return Optional.of("the request does not map to Vertex: " + e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public int maxRequests() {
        return MAX_REQUESTS;
    }

    @Override
    public Optional<NativeJob> find(String jobId) {
        ListBatchPredictionJobsRequest list = ListBatchPredictionJobsRequest.newBuilder()
                .setParent(parent())
                .setFilter("labels." + JOB_LABEL + "=\"" + labelValue(jobId) + "\"")
                .build();
        BatchPredictionJob newest = null;
        try {
            for (BatchPredictionJob j : jobs.listBatchPredictionJobs(list).iterateAll()) {
                // the label value may be a shortened id; the display name is the exact one
                if (j.getDisplayName().equals(jobId) && (newest == null || after(j, newest))) newest = j;
            }
        } catch (ApiException e) {
            throw VertexErrors.map(provider, e);
        }
        return Optional.ofNullable(newest).map(this::toJob);
    }

    @Override
    public NativeJob create(String jobId, List<NativeRequest> requests) {
        if (requests.isEmpty()) throw new IllegalArgumentException("a batch job needs at least one request");
        if (requests.size() > MAX_REQUESTS) {
            throw new IllegalArgumentException("Vertex batch jobs take at most " + MAX_REQUESTS + " requests");
        }
        String model = requests.getFirst().request().model();
        String base = prefix + jobId + "/";
        String input = base + "input.jsonl";
        files.write(input, inputFile(model, requests));
        BatchPredictionJob spec = BatchPredictionJob.newBuilder()
                .setDisplayName(jobId)
                .setModel(publisherModel(model))
                .putLabels(JOB_LABEL, labelValue(jobId))
                .putLabels(LINES_LABEL, Integer.toString(requests.size()))
                .setInputConfig(BatchPredictionJob.InputConfig.newBuilder()
                        .setInstancesFormat("jsonl")
                        .setGcsSource(GcsSource.newBuilder().addUris(files.uri(input))))
                .setOutputConfig(BatchPredictionJob.OutputConfig.newBuilder()
                        .setPredictionsFormat("jsonl")
                        .setGcsDestination(GcsDestination.newBuilder().setOutputUriPrefix(files.uri(base + "output/"))))
                .build();
        try {
            return toJob(jobs.createBatchPredictionJob(parent(), spec));
        } catch (ApiException e) {
            // refused for sure: nothing runs, so the input goes too; otherwise a job may exist and find() adopts it
            if (NOT_CREATED.contains(e.getStatusCode().getCode())) files.deleteQuietly(input);
            throw VertexErrors.map(provider, e);
        }
    }

    @Override
    public NativeJob refresh(NativeJob job) {
        return toJob(get(job.providerJobId()));
    }

    @Override
    public void cancel(NativeJob job) {
        if (job.state().terminal()) return;
        try {
            jobs.cancelBatchPredictionJob(job.providerJobId());
        } catch (ApiException e) {
            // FAILED_PRECONDITION: the job ended meanwhile, which is what cancel wants
            if (e.getStatusCode().getCode() != StatusCode.Code.FAILED_PRECONDITION) {
                throw VertexErrors.map(provider, e);
            }
        }
    }

    @Override
    public void results(NativeJob job, Consumer<NativeResult> sink) {
        BatchPredictionJob j = get(job.providerJobId());
        String dir = j.getOutputInfo().getGcsOutputDirectory();
        if (dir.isEmpty()) dir = j.getOutputConfig().getGcsDestination().getOutputUriPrefix();
        if (dir.isEmpty()) return;
        Set<String> seen = new HashSet<>();
        files.forEachLine(dir, VertexBatchApi::predictionFile, line -> {
            NativeResult r = result(line);
            if (r != null && seen.add(r.lineId())) sink.accept(r);
        });
    }

    /** One prediction line, or null when it names no line of ours (nothing to match it to). */
    NativeResult result(String line) {
        JsonNode node = Json.tryParse(line);
        if (node == null) return null;
        String lineId = node.path("request").path("labels").path(LINE_LABEL).asText("");
        if (!LINE_ID.matcher(lineId).matches()) return null;
        String status = node.path("status").asText("");
        if (!status.isEmpty()) return NativeResult.error(lineId, VertexErrors.fromBatchStatus(provider, status));
        JsonNode response = node.get("response");
        if (response == null || !response.isObject()) {
            return NativeResult.error(lineId, HttpErrors.malformed(provider, "batch line without response"));
        }
        try {
            return NativeResult.answer(lineId, GeminiResponseMapping.fromWire(VertexJson.response(provider, response)));
        } catch (SwitchboardException e) {
            return NativeResult.error(lineId, e);
        } catch (RuntimeException e) {
            return NativeResult.error(lineId, HttpErrors.malformed(provider, "batch line response could not be read"));
        }
    }

    private byte[] inputFile(String model, List<NativeRequest> requests) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (NativeRequest r : requests) {
            if (!model.equals(r.request().model())) {
                throw new IllegalArgumentException("one Vertex batch job runs one model: " + model + ", "
                        + r.request().model());
            }
            String json = "{\"request\":" + VertexJson.print(wire(r.request(), r.lineId())) + "}\n";
            out.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** The live path's request, without the model (the job names it) and with the line id as a label. */
    private GenerateContentRequest wire(ChatRequest request, String lineId) {
        return VertexJson.request(
                        config.modelResource(request.model()),
                        GeminiRequestMapping.toWire(request, GeminiService.VERTEX))
                .toBuilder()
                .clearModel()
                .putLabels(LINE_LABEL, lineId)
                .build();
    }

    private NativeJob toJob(BatchPredictionJob j) {
        Map<String, String> handles = new HashMap<>();
        if (!j.getOutputInfo().getGcsOutputDirectory().isEmpty()) {
            handles.put("output", j.getOutputInfo().getGcsOutputDirectory());
        }
        boolean stats = j.hasCompletionStats();
        String message = j.hasError() && !j.getError().getMessage().isEmpty()
                ? HttpErrors.scrub(cap(j.getError().getMessage()))
                : null;
        return new NativeJob(
                provider,
                j.getName(),
                j.getDisplayName(),
                state(j),
                lines(j),
                stats ? (int) j.getCompletionStats().getSuccessfulCount() : null,
                stats ? (int) j.getCompletionStats().getFailedCount() : null,
                message,
                handles);
    }

    static NativeJob.State state(BatchPredictionJob j) {
        return switch (j.getState()) {
            case JOB_STATE_RUNNING, JOB_STATE_CANCELLING, JOB_STATE_UPDATING, JOB_STATE_PAUSED ->
                NativeJob.State.RUNNING;
            case JOB_STATE_SUCCEEDED -> NativeJob.State.COMPLETED;
            case JOB_STATE_PARTIALLY_SUCCEEDED -> NativeJob.State.PARTIAL;
            case JOB_STATE_EXPIRED -> NativeJob.State.EXPIRED;
            case JOB_STATE_CANCELLED -> NativeJob.State.CANCELLED;
            case JOB_STATE_FAILED -> NativeJob.State.FAILED;
            // QUEUED, PENDING, and states newer than this client: keep polling
            default -> NativeJob.State.PENDING;
        };
    }

    /** A label value carries lower-case letters, digits, '_' and '-', at most 63 characters. */
    static String labelValue(String jobId) {
        String v = jobId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        v = v.length() > 63 ? v.substring(0, 63) : v;
        return LABEL_VALUE.matcher(v).matches() ? v : "job";
    }

    private BatchPredictionJob get(String name) {
        try {
            return jobs.getBatchPredictionJob(name);
        } catch (ApiException e) {
            throw VertexErrors.map(provider, e);
        }
    }

    private String parent() {
        return "projects/" + config.project() + "/locations/" + config.location();
    }

    /** publishers/google/models/{model}, checked like a live request's model. */
    private String publisherModel(String model) {
        String resource = config.modelResource(model);
        if (model.startsWith("projects/")) return resource;
        return model.startsWith("publishers/") ? model : "publishers/google/models/" + model;
    }

    private static Integer lines(BatchPredictionJob j) {
        String n = j.getLabelsMap().get(LINES_LABEL);
        try {
            return n == null ? null : Integer.valueOf(n);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean predictionFile(String name) {
        return name.startsWith("predictions") && name.endsWith(".jsonl");
    }

    private static boolean after(BatchPredictionJob a, BatchPredictionJob b) {
        Timestamp x = a.getCreateTime();
        Timestamp y = b.getCreateTime();
        return x.getSeconds() != y.getSeconds() ? x.getSeconds() > y.getSeconds() : x.getNanos() > y.getNanos();
    }

    private static String cap(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
