package dev.switchboard.aws.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.batch.JobIds;
import dev.switchboard.core.json.Json;
import dev.switchboard.provider.bedrock.BedrockBatchNames;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What one SQS message asks for: S3 event notifications (one message may carry several records) start jobs, a
 * continuation resumes one, the schedule's poll message runs the jobs waiting on a provider, Bedrock's EventBridge
 * "Batch Inference Job State Change" event runs the job it names; anything else (S3's {@code s3:TestEvent}, other
 * keys, other providers' jobs) asks for nothing.
 */
public final class BatchMessages {
    static final String CONTINUATION_TYPE = "switchboard.batch.continue";
    /** The body the schedule (EventBridge Scheduler, terraform/aws batch_native.tf) sends to the queue. */
    public static final String POLL_TYPE = "switchboard.batch.poll";

    static final String BEDROCK_SOURCE = "aws.bedrock";
    static final String BEDROCK_JOB_STATE_CHANGE = "Batch Inference Job State Change";

    private BatchMessages() {}

    /** Work named by a message. */
    public sealed interface Work {}

    /** A new input object: {@code version} is its version id, or its ETag in an unversioned bucket. */
    public record Start(String bucket, String key, String version) implements Work {}

    public record Continue(String jobId, String bucket, String key) implements Work {}

    /** Run every job of the batch bucket that waits on a provider job. */
    public record Poll() implements Work {}

    /** A provider job of Switchboard job {@code jobId} changed state ({@code state} as the provider says it). */
    public record ProviderEvent(String provider, String jobId, String state) implements Work {}

    /** @throws IllegalArgumentException for a body that is neither (it cannot succeed on retry either) */
    public static List<Work> parse(String body, String inputPrefix) {
        JsonNode json = Json.tryParse(body);
        if (json == null || !json.isObject()) throw new IllegalArgumentException("message body is not a JSON object");
        if (CONTINUATION_TYPE.equals(json.path("type").asText())) {
            return List.of(new Continue(text(json, "job_id"), text(json, "bucket"), text(json, "key")));
        }
        if (POLL_TYPE.equals(json.path("type").asText())) return List.of(new Poll());
        if (json.has("detail-type") && json.has("source")) return eventBridge(json);
        if ("s3:TestEvent".equals(json.path("Event").asText())) return List.of();
        JsonNode records = json.path("Records");
        if (!records.isArray()) throw new IllegalArgumentException("message is neither an S3 event nor a continuation");
        List<Work> work = new ArrayList<>();
        for (JsonNode r : records) {
            if (!r.path("eventName").asText().startsWith("ObjectCreated:")) continue;
            JsonNode s3 = r.path("s3");
            String bucket = s3.path("bucket").path("name").asText();
            // keys in S3 events are URL-encoded, spaces as '+'
            String key = URLDecoder.decode(s3.path("object").path("key").asText(), StandardCharsets.UTF_8);
            if (bucket.isEmpty() || !key.startsWith(inputPrefix) || !key.endsWith(".jsonl")) continue;
            String version = s3.path("object").path("versionId").asText("");
            if (version.isEmpty()) version = s3.path("object").path("eTag").asText("");
            work.add(new Start(bucket, key, version));
        }
        return work;
    }

    /**
     * An EventBridge event delivered to the queue by a rule. Bedrock names the job {@code sb-<job id, encoded>}
     * ({@link BedrockBatchNames}); other names (hashed ones, jobs not made by Switchboard) ask for nothing here: the
     * schedule still polls them.
     */
    private static List<Work> eventBridge(JsonNode event) {
        if (!BEDROCK_SOURCE.equals(event.path("source").asText())
                || !BEDROCK_JOB_STATE_CHANGE.equals(event.path("detail-type").asText())) {
            return List.of();
        }
        JsonNode detail = event.path("detail");
        return BedrockBatchNames.jobIdOf(detail.path("batchJobName").asText(null))
                .filter(JobIds::valid)
                .<List<Work>>map(id -> List.of(
                        new ProviderEvent("bedrock", id, detail.path("status").asText(""))))
                .orElse(List.of());
    }

    public static String continuation(String jobId, String bucket, String key) {
        ObjectNode n = Json.object();
        n.put("type", CONTINUATION_TYPE)
                .put("job_id", jobId)
                .put("bucket", bucket)
                .put("key", key);
        return n.toString();
    }

    private static String text(JsonNode json, String field) {
        String v = json.path(field).asText("");
        if (v.isEmpty()) throw new IllegalArgumentException("continuation without " + field);
        return v;
    }
}
