package dev.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeRequest;
import dev.switchboard.core.nativebatch.NativeResult;
import java.io.ByteArrayOutputStream;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobStatus;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobSummary;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationType;
import software.amazon.awssdk.services.bedrock.model.S3InputFormat;
import software.amazon.awssdk.services.bedrock.model.SortJobsBy;
import software.amazon.awssdk.services.bedrock.model.SortOrder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Bedrock batch inference ({@code CreateModelInvocationJob}) as a {@link NativeBatchApi}.
 *
 * <p>Lines: Claude models get InvokeModel jobs of Anthropic Messages bodies, Amazon/Meta/Mistral models Converse
 * jobs of Converse bodies ({@link BedrockBatchModels}).
 *
 * <p>Layout: the input is {@code s3://<bucket>/<prefix><jobId>/input.jsonl}, Bedrock writes its output under
 * {@code s3://<bucket>/<prefix><jobId>/output/<bedrock job id>/}. The job's name, clientRequestToken and tag are
 * described in {@link BedrockBatchNames} (name {@code sb-batch-u…}, tag {@value BedrockBatchNames#TAG}).
 *
 * <p>Idempotency: the token is derived from the Switchboard job id, so a re-delivered create returns the job the
 * first one made (Bedrock ignores a repeated token) instead of a second job; when a create fails without an answer
 * (timeout after Bedrock accepted it), {@link #find} adopts the job. A failed create leaves only the input file
 * (no job, nothing billed), overwritten by the next attempt.
 */
final class BedrockBatchApi implements NativeBatchApi, AutoCloseable {
    /** Bedrock's documented minimum records per job (a quota; smaller jobs fail validation). */
    static final int MIN_RECORDS = 100;
    /** Bedrock's default maximum records per job (a quota). */
    static final int MAX_RECORDS = 50_000;

    static final String OUTPUT = "output";
    static final String MODEL = "model";

    private final String provider;
    private final BedrockBatchOptions options;
    private final BedrockClient bedrock;
    private final BedrockBatchFiles files;

    private final S3Client s3;

    /** Control-plane and S3 clients like the runtime ones: same region, credentials and endpoint rules. */
    BedrockBatchApi(BedrockConfig settings, AwsCredentialsProvider credentials) {
        this.provider = settings.id();
        this.options = settings.batch();
        this.bedrock = BedrockClients.configure(BedrockClient.builder(), settings, credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(settings.connectTimeout()))
                .build();
        S3ClientBuilder s3 = S3Client.builder()
                .region(settings.region())
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(settings.connectTimeout()));
        // An S3-compatible endpoint (a local server in tests) is addressed path-style (no bucket DNS names) and
        // without the SDK's default trailing checksums, which s3proxy and older MinIO reject.
        if (options.s3Endpoint() != null) {
            s3.endpointOverride(options.s3Endpoint())
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        this.s3 = s3.build();
        this.files = new BedrockBatchFiles(this.s3);
    }

    @Override
    public void close() {
        bedrock.close();
        s3.close();
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public Optional<String> unsupported(ChatRequest request) {
        return BedrockBatchModels.unsupported(request);
    }

    @Override
    public int minRequests() {
        return MIN_RECORDS;
    }

    @Override
    public int maxRequests() {
        return MAX_RECORDS;
    }

    @Override
    public Optional<NativeJob> find(String jobId) {
        String name = BedrockBatchNames.jobName(jobId);
        String token = BedrockBatchNames.token(jobId);
        try {
            return bedrock
                    .listModelInvocationJobsPaginator(b -> b.nameContains(name)
                            .sortBy(SortJobsBy.CREATION_TIME)
                            .sortOrder(SortOrder.DESCENDING))
                    .invocationJobSummaries()
                    .stream()
                    .filter(s -> name.equals(s.jobName())
                            && (s.clientRequestToken() == null || token.equals(s.clientRequestToken())))
                    .max(Comparator.comparing(
                            ModelInvocationJobSummary::submitTime, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .map(s -> job(jobId, s));
        } catch (SdkException e) {
            throw BedrockErrors.map(provider, e);
        }
    }

    @Override
    public NativeJob create(String jobId, List<NativeRequest> requests) {
        if (requests.isEmpty() || requests.size() > MAX_RECORDS) {
            throw new InvalidRequest(ErrorInfo.of(provider + ": a Bedrock batch job takes 1 to " + MAX_RECORDS
                            + " requests, not " + requests.size())
                    .withProvider(provider));
        }
        String model = requests.getFirst().request().model();
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        for (NativeRequest r : requests) {
            if (!model.equals(r.request().model())) {
                throw new InvalidRequest(ErrorInfo.of(provider + ": one Bedrock batch job runs one model; line "
                                + r.lineId() + " asks for " + r.request().model() + ", not " + model)
                        .withProvider(provider));
            }
            Optional<String> why = unsupported(r.request());
            if (why.isPresent()) {
                throw new InvalidRequest(ErrorInfo.of(provider + ": line " + r.lineId() + ": " + why.get())
                        .withProvider(provider));
            }
            jsonl.writeBytes(BedrockBatchFiles.line(r, BedrockBatchModels.modelInput(r.request())));
        }
        try {
            files.putInput(options.bucket(), options.inputKey(jobId), jsonl);
        } catch (SdkException e) {
            throw BedrockErrors.map(provider, e);
        }
        String output = options.outputUri(jobId);
        try {
            boolean converse = BedrockBatchModels.format(model).orElseThrow() == BedrockBatchModels.Format.CONVERSE;
            String arn = bedrock.createModelInvocationJob(b -> b.jobName(BedrockBatchNames.jobName(jobId))
                            .modelInvocationType(converse ? ModelInvocationType.CONVERSE : null)
                            .clientRequestToken(BedrockBatchNames.token(jobId))
                            .roleArn(options.roleArn())
                            .modelId(model)
                            .inputDataConfig(i -> i.s3InputDataConfig(
                                    s -> s.s3Uri(options.inputUri(jobId)).s3InputFormat(S3InputFormat.JSONL)))
                            .outputDataConfig(o -> o.s3OutputDataConfig(s -> s.s3Uri(output)))
                            .tags(t -> t.key(BedrockBatchNames.TAG).value(jobId)))
                    .jobArn();
            return new NativeJob(
                    provider,
                    arn,
                    jobId,
                    NativeJob.State.PENDING,
                    requests.size(),
                    null,
                    null,
                    null,
                    Map.of(OUTPUT, output, MODEL, model));
        } catch (SdkException e) {
            // Bedrock may have created the job before the call failed (a lost answer): adopt it, never a second one
            SwitchboardException mapped = BedrockErrors.map(provider, e);
            Optional<NativeJob> made;
            try {
                made = find(jobId);
            } catch (SwitchboardException lookup) {
                mapped.addSuppressed(lookup);
                throw mapped;
            }
            return made.orElseThrow(() -> mapped);
        }
    }

    @Override
    public NativeJob refresh(NativeJob job) {
        GetModelInvocationJobResponse r;
        try {
            r = bedrock.getModelInvocationJob(b -> b.jobIdentifier(job.providerJobId()));
        } catch (SdkException e) {
            throw BedrockErrors.map(provider, e);
        }
        String output = r.outputDataConfig() == null || r.outputDataConfig().s3OutputDataConfig() == null
                ? job.handles().get(OUTPUT)
                : r.outputDataConfig().s3OutputDataConfig().s3Uri();
        NativeJob refreshed = new NativeJob(
                provider,
                r.jobArn(),
                job.jobId(),
                state(r.status()),
                count(r.totalRecordCount()),
                count(r.successRecordCount()),
                count(r.errorRecordCount()),
                r.message(),
                handles(output, r.modelId()));
        return refreshed.state().terminal() && refreshed.total() == null ? withManifest(refreshed) : refreshed;
    }

    @Override
    public void cancel(NativeJob job) {
        if (job.state().terminal()) return;
        try {
            bedrock.stopModelInvocationJob(b -> b.jobIdentifier(job.providerJobId()));
        } catch (SdkException e) {
            // a job that ended meanwhile cannot be stopped: that is what the caller wanted
            if (refresh(job).state().terminal()) return;
            throw BedrockErrors.map(provider, e);
        }
    }

    @Override
    public void results(NativeJob job, Consumer<NativeResult> sink) {
        String model = job.handles().get(MODEL);
        Set<String> seen = new HashSet<>();
        files.eachLine(outputFile(job, BedrockBatchFiles.INPUT_FILE + ".out"), line -> {
            String lineId = Json.text(line, "recordId");
            if (lineId == null || NativeRequest.lineOf(lineId) < 0 || !seen.add(lineId)) return;
            sink.accept(result(lineId, line, model));
        });
    }

    private NativeResult result(String lineId, JsonNode line, String model) {
        JsonNode error = line.get("error");
        JsonNode output = line.get("modelOutput");
        if ((error == null || error.isNull()) && output != null && output.isObject()) {
            return NativeResult.answer(lineId, BedrockBatchModels.modelOutput(output, model));
        }
        // {"errorCode": 400, "errorMessage": "..."}; a line with neither answer nor error is the service's fault
        int status = error == null ? 500 : error.path("errorCode").asInt(500);
        String message = error == null ? "the line has no modelOutput" : Json.text(error, "errorMessage");
        return NativeResult.error(
                lineId,
                HttpErrors.fromStatus(
                        provider, status < 400 || status > 599 ? 500 : status, null, message, null, null));
    }

    /** {@code <output uri><bedrock job id>/<file>}: Bedrock writes each job's files under the last ARN segment. */
    private String outputFile(NativeJob job, String file) {
        String output = job.handles().get(OUTPUT);
        if (output == null) output = refresh(job).handles().get(OUTPUT);
        String base = output.endsWith("/") ? output : output + "/";
        String arn = job.providerJobId();
        return base + arn.substring(arn.lastIndexOf('/') + 1) + "/" + file;
    }

    private NativeJob withManifest(NativeJob job) {
        Optional<JsonNode> manifest;
        try {
            manifest = files.json(outputFile(job, "manifest.json.out"));
        } catch (SdkException e) {
            return job; // counts are a courtesy; results are read from the output itself
        }
        return manifest.map(m -> new NativeJob(
                        job.provider(),
                        job.providerJobId(),
                        job.jobId(),
                        job.state(),
                        count(Json.longOrNull(m, "totalRecordCount")),
                        count(Json.longOrNull(m, "successRecordCount")),
                        count(Json.longOrNull(m, "errorRecordCount")),
                        job.message(),
                        job.handles()))
                .orElse(job);
    }

    private NativeJob job(String jobId, ModelInvocationJobSummary s) {
        String output = s.outputDataConfig() == null || s.outputDataConfig().s3OutputDataConfig() == null
                ? options.outputUri(jobId)
                : s.outputDataConfig().s3OutputDataConfig().s3Uri();
        return new NativeJob(
                provider,
                s.jobArn(),
                jobId,
                state(s.status()),
                count(s.totalRecordCount()),
                count(s.successRecordCount()),
                count(s.errorRecordCount()),
                s.message(),
                handles(output, s.modelId()));
    }

    private static Map<String, String> handles(String output, String model) {
        return model == null ? Map.of(OUTPUT, output) : Map.of(OUTPUT, output, MODEL, model);
    }

    static NativeJob.State state(ModelInvocationJobStatus status) {
        if (status == null) return NativeJob.State.PENDING;
        return switch (status) {
            case SUBMITTED, VALIDATING, SCHEDULED -> NativeJob.State.PENDING;
            case IN_PROGRESS, STOPPING -> NativeJob.State.RUNNING;
            case COMPLETED -> NativeJob.State.COMPLETED;
            case PARTIALLY_COMPLETED -> NativeJob.State.PARTIAL;
            case EXPIRED -> NativeJob.State.EXPIRED;
            case STOPPED -> NativeJob.State.CANCELLED;
            case FAILED -> NativeJob.State.FAILED;
            // a state newer than this SDK: keep polling rather than collect too early
            case UNKNOWN_TO_SDK_VERSION -> NativeJob.State.RUNNING;
        };
    }

    private static Integer count(Long n) {
        return n == null ? null : (int) Math.min(Integer.MAX_VALUE, n);
    }
}
