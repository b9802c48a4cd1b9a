package dev.switchboard.gcp.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.storage.Storage;
import dev.switchboard.batch.BatchEngine;
import dev.switchboard.batch.BatchSettings;
import dev.switchboard.batch.Budget;
import dev.switchboard.batch.InputSource;
import dev.switchboard.batch.JobIds;
import dev.switchboard.batch.JobRequest;
import dev.switchboard.batch.RunResult;
import dev.switchboard.batch.WaitingJobs;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.json.Json;
import dev.switchboard.gcp.batch.store.GcsBlobStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * What the GCP batch function does with one CloudEvent, without the function framework around it: a GCS
 * {@code google.cloud.storage.object.v1.finalized} event for {@code <input prefix>*.jsonl} on the input bucket starts
 * (or, re-delivered, finds) the job whose id is derived from bucket, name and generation; a Pub/Sub
 * {@code google.cloud.pubsub.topic.v1.messagePublished} event carrying a continuation resumes one. Job state and
 * results go to the separate output bucket under {@code <job id>/}. Each invocation gets {@code invocationTimeout}
 * (540 s at most for event-driven functions); a job with lines left is handed on through the continuation topic.
 * The object's custom metadata {@code switchboard-mode} ({@code sync}, {@code native}, {@code auto}) becomes the
 * job's {@code metadata.mode}. A job waiting on a provider's batch job (native mode) is not re-published (Pub/Sub
 * cannot delay a message): Cloud Scheduler publishes a poll message ({@value #POLL_TYPE}) to the same topic every
 * few minutes, and the poll runs every job of the output bucket that waits on a provider.
 * Storage and publish failures are thrown: the trigger's retry delivers the event again, and nothing already stored
 * is called twice.
 */
public final class GcpBatchEvents {
    private static final Logger LOG = Logger.getLogger(GcpBatchEvents.class);
    public static final String FINALIZED = "google.cloud.storage.object.v1.finalized";
    public static final String PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";
    static final String CONTINUATION_TYPE = "switchboard.batch.continue";
    /** The message Cloud Scheduler publishes (terraform/gcp batch_native.tf). */
    public static final String POLL_TYPE = "switchboard.batch.poll";
    /** The GCS custom metadata key naming the job's mode. */
    public static final String MODE_METADATA = "switchboard-mode";

    /** Where continuations go (a Pub/Sub topic in the cloud). */
    @FunctionalInterface
    public interface Continuations {
        void publish(String message);
    }

    /**
     * @param inputBucket       the bucket whose finalized objects start jobs
     * @param outputBucket      job state and results ({@code <job id>/...}); never the input bucket
     * @param inputPrefix       only names under it ending in {@code .jsonl} start jobs ("" for all)
     * @param invocationTimeout the function's timeout; the engine plans within it
     */
    public record Settings(
            String inputBucket,
            String outputBucket,
            String inputPrefix,
            Duration invocationTimeout,
            BatchSettings batch) {
        public Settings {
            Objects.requireNonNull(inputBucket);
            Objects.requireNonNull(outputBucket);
            if (inputBucket.equals(outputBucket)) {
                throw new IllegalArgumentException(
                        "the output bucket must differ from the input bucket (results would trigger jobs)");
            }
            inputPrefix = inputPrefix == null ? "" : inputPrefix;
            batch = batch.withJobsPrefix("");
        }
    }

    /** What an event led to. */
    public enum Outcome {
        IGNORED,
        FINISHED,
        CONTINUED,
        /** The job waits on a provider's batch job; the scheduled poll runs it again. */
        WAITING,
        /** A scheduled poll ran the jobs waiting on a provider (as many as its time allowed). */
        POLLED,
        TAKEN_BY_ANOTHER_WORKER
    }

    private final Storage storage;
    private final Continuations continuations;
    private final Settings settings;
    private final LongSupplier ticker;
    private final BatchEngine engine;

    public GcpBatchEvents(
            Gateway gateway, Storage storage, Continuations continuations, Settings settings, LongSupplier ticker) {
        this.storage = storage;
        this.continuations = continuations;
        this.settings = settings;
        this.ticker = ticker;
        this.engine = new BatchEngine(gateway, new GcsBlobStore(storage, settings.outputBucket()), settings.batch());
    }

    /** Handles one event; {@code started} is when the invocation began (ticker nanos). */
    public Outcome handle(String type, byte[] data, long started) {
        Budget budget = Budget.of(settings.invocationTimeout().minusNanos(ticker.getAsLong() - started), ticker);
        JsonNode json = Json.tryParse(data);
        if (json == null || !json.isObject()) return Outcome.IGNORED;
        if (FINALIZED.equals(type)) {
            String bucket = json.path("bucket").asText();
            String name = json.path("name").asText();
            if (!bucket.equals(settings.inputBucket())
                    || !name.startsWith(settings.inputPrefix())
                    || !name.endsWith(".jsonl")) {
                return Outcome.IGNORED;
            }
            String jobId =
                    JobIds.fromInput(bucket, name, json.path("generation").asText());
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("input", "gs://" + bucket + "/" + name);
            mode(json.path("metadata")).ifPresent(mode -> metadata.put("mode", mode));
            engine.submit(new JobRequest(jobId, name, null, "24h", metadata));
            return run(jobId, bucket, name, budget);
        }
        if (PUBLISHED.equals(type)) {
            Optional<JsonNode> message = Optional.ofNullable(
                            json.path("message").path("data").textValue())
                    .map(b64 -> Json.tryParse(Base64.getDecoder().decode(b64)));
            if (message.isPresent()
                    && POLL_TYPE.equals(message.get().path("type").asText())) return poll(budget);
            if (message.isEmpty()
                    || !CONTINUATION_TYPE.equals(message.get().path("type").asText())) return Outcome.IGNORED;
            JsonNode c = message.get();
            if (!settings.inputBucket().equals(c.path("bucket").asText())) return Outcome.IGNORED;
            return run(
                    c.path("job_id").asText(),
                    c.path("bucket").asText(),
                    c.path("key").asText(),
                    budget);
        }
        return Outcome.IGNORED;
    }

    private Outcome run(String jobId, String bucket, String name, Budget budget) {
        if (!JobIds.valid(jobId) || engine.get(jobId).isEmpty()) return Outcome.IGNORED;
        RunResult r = engine.run(jobId, InputSource.blob(new GcsBlobStore(storage, bucket), name), budget);
        return switch (r.outcome()) {
            case FINISHED -> Outcome.FINISHED;
            case CONTINUE -> {
                continuations.publish(continuation(jobId, bucket, name));
                yield Outcome.CONTINUED;
            }
            // not re-published: Pub/Sub cannot hold a message back, and the scheduled poll runs the job again
            case WAITING -> Outcome.WAITING;
            case ALREADY_RUNNING, SUPERSEDED -> Outcome.TAKEN_BY_ANOTHER_WORKER;
        };
    }

    /**
     * Every job of the output bucket that waits on a provider job, run once each while at least a line allowance plus
     * the checkpoint reserve is left; the rest wait for the next poll. One job's failure is logged, not thrown: the
     * next poll tries it again (a thrown failure would have Pub/Sub redeliver the whole poll).
     */
    private Outcome poll(Budget budget) {
        WaitingJobs.Summary summary = new WaitingJobs(engine)
                .run(budget, (job, b) -> run(job.id(), settings.inputBucket(), job.inputFileId(), b));
        LOG.infof(
                "batch: poll: %d waiting, %d run, %d failed%s",
                summary.waiting(), summary.run(), summary.failed(), summary.outOfTime() ? ", out of time" : "");
        return Outcome.POLLED;
    }

    /** The object's {@code switchboard-mode} custom metadata, as the event's object resource carries it. */
    static Optional<String> mode(JsonNode objectMetadata) {
        String v = objectMetadata.path(MODE_METADATA).asText("").trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) return Optional.empty();
        return Optional.of(v.length() > 512 ? v.substring(0, 512) : v);
    }

    static String continuation(String jobId, String bucket, String key) {
        ObjectNode n = Json.object();
        n.put("type", CONTINUATION_TYPE)
                .put("job_id", jobId)
                .put("bucket", bucket)
                .put("key", key);
        return n.toString();
    }

    /** The Pub/Sub push body of a continuation, as Eventarc delivers it (for tests and local replays). */
    public static byte[] publishedEventData(String message) {
        ObjectNode n = Json.object();
        n.putObject("message")
                .put("data", Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)))
                .put("messageId", "1");
        n.put("subscription", "projects/p/subscriptions/eventarc-switchboard-batch");
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }
}
