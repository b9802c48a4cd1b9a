package dev.switchboard.emulator.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.emulator.anthropic.AnthropicRoutes;
import dev.switchboard.emulator.behavior.Behavior;
import dev.switchboard.emulator.behavior.Completion;
import dev.switchboard.emulator.behavior.Conversation;
import dev.switchboard.emulator.behavior.Json;
import dev.switchboard.emulator.behavior.ModelSpec;
import dev.switchboard.emulator.http.HttpCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bedrock batch inference jobs held in memory, with the controls tests use. Jobs read their input from and write
 * {@code <output uri><job id>/<input file>.out} and {@code manifest.json.out} to a {@link BatchStorage} (the S3
 * server of the test). InvokeModel jobs serve Anthropic models ({@code anthropic.emulator-…},
 * {@code us.anthropic.emulator-…}) with Messages API bodies; Converse jobs ({@code modelInvocationType: Converse})
 * serve any {@code <vendor>.emulator-…} model with Converse bodies and refuse records with {@code toolConfig}, as
 * Bedrock does. Each line is answered like the real-time emulator answers, except a line whose last user message is
 * exactly {@link #FAIL_TEXT}, which gets an error record.
 *
 * <p>Lifecycle: Submitted at create; each GetModelInvocationJob moves it on (Scheduled, InProgress) and the
 * {@link #completeAfterGets n}-th one completes it; {@link #finish}, {@link #expireAfter} and a stop end it at once.
 */
public final class BedrockBatchJobs {

    /** The text that makes a line fail, as every batch emulator does. */
    public static final String FAIL_TEXT = "switchboard-emulator: fail this line";

    static final String ACCOUNT = BedrockControlPlane.ACCOUNT;

    private final Behavior behavior;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, String> byToken = new HashMap<>();
    private BatchStorage storage = BatchStorage.inMemory();
    private int completeAfterGets = 3;
    private int minRecords = 1;
    private long sequence;
    private boolean loseNextCreateAnswer;

    public BedrockBatchJobs(Behavior behavior) {
        this.behavior = behavior;
    }

    /** Where job files live; by default an in-memory store. */
    public synchronized void useStorage(BatchStorage storage) {
        this.storage = storage;
    }

    /** The GetModelInvocationJob call that completes a job (default 3); 0: only the controls end jobs. */
    public synchronized void completeAfterGets(int gets) {
        this.completeAfterGets = gets;
    }

    /** Jobs with fewer records fail validation (Bedrock's quota is 100; the default here is 1). */
    public synchronized void minRecords(int records) {
        this.minRecords = records;
    }

    /** Completes the job: every line gets its result. */
    public synchronized void finish(String jobArnOrId) {
        complete(job(jobArnOrId).orElseThrow(), Integer.MAX_VALUE);
    }

    /** Ends the job PartiallyCompleted after answering only its first {@code answered} lines (input order). */
    public synchronized void expireAfter(String jobArnOrId, int answered) {
        complete(job(jobArnOrId).orElseThrow(), answered);
    }

    /** Ends the job Expired (it never started): no output. */
    public synchronized void expire(String jobArnOrId) {
        job(jobArnOrId).orElseThrow().end("Expired", "The job was not started before its timeout.");
    }

    /**
     * The next CreateModelInvocationJob creates its job and then answers 500, as when the answer is lost on the way
     * (a timeout, a crash of the caller): the job exists although the caller never learned its ARN.
     */
    public synchronized void loseNextCreateAnswer() {
        this.loseNextCreateAnswer = true;
    }

    /** Jobs held, in every state. */
    public synchronized int jobCount() {
        return jobs.size();
    }

    /** The job's status as Bedrock spells it ("InProgress"), or empty when there is no such job. */
    public synchronized Optional<String> status(String jobArnOrId) {
        return job(jobArnOrId).map(j -> j.status);
    }

    // ---- the control plane (BedrockBatchRoutes) ----

    /** The job for {@code token}, or a new one; null token: always new. */
    synchronized Job create(ObjectNode request, String region, String token) {
        if (token != null && byToken.containsKey(token)) return jobs.get(byToken.get(token));
        String id = String.format("%012x", ++sequence);
        Job job = new Job(id, "arn:aws:bedrock:" + region + ":" + ACCOUNT + ":model-invocation-job/" + id, request);
        jobs.put(id, job);
        if (token != null) byToken.put(token, id);
        return job;
    }

    synchronized boolean takeLostAnswer() {
        boolean lose = loseNextCreateAnswer;
        loseNextCreateAnswer = false;
        return lose;
    }

    /** A GetModelInvocationJob: the job as it is after this call moved it on. */
    synchronized Optional<ObjectNode> get(String jobArnOrId) {
        return get(jobArnOrId, true);
    }

    /** The job; {@code poll}: as a GetModelInvocationJob, which moves it on. */
    synchronized Optional<ObjectNode> get(String jobArnOrId, boolean poll) {
        Optional<Job> found = job(jobArnOrId);
        if (poll) found.ifPresent(this::advance);
        return found.map(Job::json);
    }

    synchronized List<ObjectNode> list(String nameContains, String statusEquals, boolean ascending) {
        List<ObjectNode> out = new ArrayList<>();
        for (Job j : jobs.values()) {
            if (nameContains != null && !j.name().contains(nameContains)) continue;
            if (statusEquals != null && !statusEquals.equals(j.status)) continue;
            out.add(j.json());
        }
        if (!ascending) java.util.Collections.reverse(out);
        return out;
    }

    /** StopModelInvocationJob; false when the job has ended already. */
    synchronized boolean stop(Job job) {
        if (job.ended()) return false;
        job.touch("Stopping");
        return true;
    }

    synchronized Optional<Job> job(String jobArnOrId) {
        String id = jobArnOrId.substring(jobArnOrId.lastIndexOf('/') + 1);
        return Optional.ofNullable(jobs.get(id));
    }

    private void advance(Job job) {
        if (job.ended()) return;
        if (job.status.equals("Stopping")) {
            job.end("Stopped", null);
            return;
        }
        job.gets++;
        if (completeAfterGets > 0 && job.gets >= completeAfterGets) {
            complete(job, Integer.MAX_VALUE);
        } else {
            job.touch(job.gets == 1 ? "Scheduled" : "InProgress");
        }
    }

    /** Answers the first {@code limit} lines and writes the output files. */
    private void complete(Job job, int limit) {
        if (job.ended()) return;
        S3Uri in = S3Uri.of(job.inputUri());
        byte[] input = storage.read(in.bucket(), in.key());
        if (input == null) {
            job.end("Failed", "The input file " + job.inputUri() + " does not exist or is not readable.");
            return;
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) continue;
            JsonNode node = Json.parseOrNull(line.getBytes(StandardCharsets.UTF_8));
            if (node == null
                    || !node.path("recordId").isTextual()
                    || !node.path("modelInput").isObject()) {
                job.end("Failed", "The input file is not valid JSONL of {recordId, modelInput} records.");
                return;
            }
            lines.add(node);
        }
        if (lines.size() < minRecords) {
            job.end(
                    "Failed",
                    "The job has " + lines.size() + " records, fewer than the minimum of " + minRecords + ".");
            return;
        }
        ModelSpec spec = behavior.resolve(BedrockBatchRoutes.emulatorModel(job.modelId()))
                .orElseThrow();
        boolean converse = job.converse();
        HttpCodec codec = converse ? new BedrockCodec() : AnthropicRoutes.codec();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int success = 0;
        int errors = 0;
        long inputTokens = 0;
        long outputTokens = 0;
        for (JsonNode line : lines.subList(0, Math.min(limit, lines.size()))) {
            ObjectNode record = Json.obj("recordId", line.get("recordId"), "modelInput", line.get("modelInput"));
            Conversation conversation = codec.read(line.get("modelInput"));
            if (conversation.lastUserText().equals(FAIL_TEXT)) {
                record.set("error", Json.obj("errorCode", 400, "errorMessage", "The emulator failed this record."));
                errors++;
            } else if (converse && line.get("modelInput").has("toolConfig")) {
                record.set(
                        "error",
                        Json.obj(
                                "errorCode",
                                400,
                                "errorMessage",
                                "toolConfig is not supported for batch inference jobs of invocation type Converse."));
                errors++;
            } else {
                Completion answer = behavior.answer(conversation, spec);
                record.set(
                        "modelOutput",
                        Json.parseOrNull(codec.answer(answer, spec.name()).body()));
                inputTokens += answer.usage().inputTokens();
                outputTokens += answer.usage().outputWithReasoning();
                success++;
            }
            out.writeBytes(Json.bytes(record));
            out.write('\n');
        }
        S3Uri output = S3Uri.of(job.outputUri());
        String dir = output.key().isEmpty() || output.key().endsWith("/") ? output.key() : output.key() + "/";
        String file = in.key().substring(in.key().lastIndexOf('/') + 1);
        storage.write(output.bucket(), dir + job.id + "/" + file + ".out", out.toByteArray());
        ObjectNode manifest = Json.obj(
                "totalRecordCount", lines.size(),
                "processedRecordCount", success + errors,
                "successRecordCount", success,
                "errorRecordCount", errors,
                "inputTokenCount", inputTokens,
                "outputTokenCount", outputTokens);
        storage.write(output.bucket(), dir + job.id + "/manifest.json.out", Json.bytes(manifest));
        job.counts = manifest;
        job.end(limit < lines.size() ? "PartiallyCompleted" : "Completed", null);
    }

    /** One job, as CreateModelInvocationJob described it. */
    static final class Job {
        final String id;
        final String arn;
        final ObjectNode request;
        final Instant submitted = now();
        Instant modified = submitted;
        Instant ended;
        String status = "Submitted";
        String message;
        ObjectNode counts;
        int gets;

        Job(String id, String arn, ObjectNode request) {
            this.id = id;
            this.arn = arn;
            this.request = request;
        }

        String name() {
            return request.path("jobName").asText();
        }

        String modelId() {
            return request.path("modelId").asText();
        }

        boolean converse() {
            return request.path("modelInvocationType").asText().equals("Converse");
        }

        String inputUri() {
            return request.path("inputDataConfig")
                    .path("s3InputDataConfig")
                    .path("s3Uri")
                    .asText();
        }

        String outputUri() {
            return request.path("outputDataConfig")
                    .path("s3OutputDataConfig")
                    .path("s3Uri")
                    .asText();
        }

        boolean ended() {
            return ended != null;
        }

        void touch(String newStatus) {
            status = newStatus;
            modified = now();
        }

        void end(String newStatus, String why) {
            touch(newStatus);
            message = why;
            ended = modified;
        }

        ObjectNode json() {
            ObjectNode j = Json.obj(
                    "jobArn", arn,
                    "jobName", name(),
                    "modelId", modelId(),
                    "roleArn", request.path("roleArn").asText(),
                    "status", status,
                    "submitTime", submitted.toString(),
                    "lastModifiedTime", modified.toString(),
                    "inputDataConfig", request.get("inputDataConfig"),
                    "outputDataConfig", request.get("outputDataConfig"),
                    "timeoutDurationInHours",
                            request.path("timeoutDurationInHours").asInt(24),
                    "modelInvocationType", converse() ? "Converse" : "InvokeModel");
            if (request.hasNonNull("clientRequestToken"))
                j.set("clientRequestToken", request.get("clientRequestToken"));
            if (message != null) j.put("message", message);
            if (ended != null) j.put("endTime", ended.toString());
            if (counts != null) {
                for (String f :
                        List.of("totalRecordCount", "processedRecordCount", "successRecordCount", "errorRecordCount")) {
                    j.set(f, counts.get(f));
                }
            }
            return j;
        }

        private static Instant now() {
            return Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }
    }

    /** {@code s3://bucket/key}. */
    record S3Uri(String bucket, String key) {
        static S3Uri of(String uri) {
            String rest = uri.startsWith("s3://") ? uri.substring(5) : uri;
            int slash = rest.indexOf('/');
            return slash < 0 ? new S3Uri(rest, "") : new S3Uri(rest.substring(0, slash), rest.substring(slash + 1));
        }
    }
}
