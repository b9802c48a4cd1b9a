package dev.switchboard.aws.batch;

import static dev.switchboard.aws.batch.BatchFiles.costRecords;
import static dev.switchboard.aws.batch.BatchFiles.json;
import static dev.switchboard.aws.batch.BatchFiles.jsonLines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.aws.batch.testing.FakeNativeProviders;
import dev.switchboard.batch.JobIds;
import dev.switchboard.batch.testing.FakeNativeBatchApi;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.provider.bedrock.BedrockBatchNames;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A native job (object metadata {@code switchboard-mode: native}) through the Lambda's mock event server, the real
 * queue (ElasticMQ) and bucket (s3proxy), with the provider's batch API in memory ({@link FakeNativeProviders}): the
 * job waits on the provider job while its delayed continuation, the schedule's poll message and Bedrock's job-state
 * event run it, and every one of those delivered again creates no second provider job and no second cost record.
 */
@QuarkusTest
@QuarkusTestResource(value = AwsBatchResource.class, restrictToAnnotatedClass = true)
class NativeBatchFunctionTest extends FunctionTestSupport {
    private static final FakeNativeBatchApi API = FakeNativeProviders.API;

    /** A test that failed halfway leaves a waiting job's continuation chain behind: end it here. */
    @AfterEach
    void emptyTheQueue() {
        sqs.purgeQueue(b -> b.queueUrl(AwsBatchResource.queueUrl()));
    }

    @Test
    void aWaitingJobIsRunAgainByItsContinuationThePollAndTheBedrockEventAndBilledOnce() {
        String key = "in/native.jsonl";
        s3.putObject(
                b -> b.bucket(BUCKET).key(key).metadata(Map.of("switchboard-mode", "native")),
                RequestBody.fromString(lines(3), StandardCharsets.UTF_8));
        String job = JobIds.fromInput(BUCKET, key, queue.notifyObjectCreated(BUCKET, key));

        // the notification submits the provider job and hands the job on with a delay (no hot loop)
        assertThat(queue.deliver()).isEmpty();
        JsonNode batch = json(s3, "out/" + job + "/batch.json");
        assertThat(batch.path("status").asText()).isEqualTo("in_progress");
        assertThat(batch.path("mode").asText()).isEqualTo("native");
        assertThat(API.jobsOf(job)).hasSize(1);

        // the delayed continuation (1 s here, ContinuationsTest for the delay itself) comes back and finds the provider
        // job still running: it waits again
        List<Message> continuation = receiveSoon();
        assertThat(continuation)
                .singleElement()
                .satisfies(m -> assertThat(m.body()).contains(job));
        deliver(continuation);
        // the schedule's poll runs it too, and starts no second chain of continuations
        queue.send("{\"type\":\"" + BatchMessages.POLL_TYPE + "\"}");
        deliver(receiveSoon());
        assertThat(API.jobsOf(job)).hasSize(1);
        assertThat(costRecords(job)).isEmpty();

        // Bedrock says the job completed: the event collects the results, one batch-priced record per line
        NativeJob providerJob = API.jobsOf(job).get(0);
        API.finish(providerJob);
        String event = BatchMessagesTest.bedrockEvent(BedrockBatchNames.jobName(job), "Completed");
        queue.send(event);
        drain();

        JsonNode done = json(s3, "out/" + job + "/batch.json");
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("request_counts").path("completed").asInt()).isEqualTo(3);
        assertThat(done.path("provider_batch_id").asText()).isEqualTo(providerJob.providerJobId());
        List<JsonNode> output = jsonLines(s3, "out/" + job + "/output.jsonl");
        assertThat(output)
                .extracting(l -> l.path("custom_id").asText())
                .containsExactlyInAnyOrder("req-1", "req-2", "req-3");
        assertThat(output)
                .allSatisfy(l -> assertThat(
                                l.at("/response/body/choices/0/message/content").asText())
                        .startsWith(FakeNativeBatchApi.GREETING));
        assertThat(costRecords(job)).hasSize(3).allSatisfy(r -> {
            assertThat(r.path("billing").asText()).isEqualTo("batch");
            assertThat(r.path("provider_job_id").asText()).isEqualTo(providerJob.providerJobId());
        });

        // at least once: the event, a poll and a stale continuation again change nothing
        queue.send(event);
        queue.send("{\"type\":\"" + BatchMessages.POLL_TYPE + "\"}");
        queue.send(BatchMessages.continuation(job, BUCKET, key));
        drain();
        assertThat(API.jobsOf(job)).hasSize(1);
        assertThat(costRecords(job)).hasSize(3);
        assertThat(jsonLines(s3, "out/" + job + "/output.jsonl")).hasSize(3);
        assertThat(delayedMessages())
                .as("no continuation left once the job ended")
                .isZero();
    }

    @Test
    void endToEndWithTheBedrockBatchEmulatorThroughTheRealProvider() {
        String key = "in/bedrock.jsonl";
        // Bedrock batch jobs take 100 records at least
        s3.putObject(
                b -> b.bucket(BUCKET).key(key).metadata(Map.of("switchboard-mode", "native")),
                RequestBody.fromString(lines(100, "bedrock/us.anthropic.emulator-1"), StandardCharsets.UTF_8));
        String job = JobIds.fromInput(BUCKET, key, queue.notifyObjectCreated(BUCKET, key));
        int bedrockJobs = AwsBatchResource.emulator().bedrockBatch().jobCount();

        assertThat(queue.deliver()).isEmpty();
        JsonNode batch = json(s3, "out/" + job + "/batch.json");
        assertThat(batch.path("mode").asText()).as(batch.toString()).isEqualTo("native");
        assertThat(batch.path("status").asText()).isEqualTo("in_progress");
        String bedrockJob = batch.path("provider_batch_id").asText();
        assertThat(bedrockJob).startsWith("arn:aws:bedrock:");
        assertThat(AwsBatchResource.emulator().bedrockBatch().jobCount()).isEqualTo(bedrockJobs + 1);
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("native/bedrock/" + job + "/"))
                        .contents())
                .as("the job's input for Bedrock")
                .isNotEmpty();

        // Bedrock finishes the job and says so on EventBridge; the rule puts the event on the queue
        AwsBatchResource.emulator().bedrockBatch().finish(bedrockJob);
        String event = BatchMessagesTest.bedrockEvent(BedrockBatchNames.jobName(job), "Completed");
        queue.send(event);
        drain();

        JsonNode done = json(s3, "out/" + job + "/batch.json");
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("request_counts").path("completed").asInt()).isEqualTo(100);
        assertThat(jsonLines(s3, "out/" + job + "/output.jsonl"))
                .hasSize(100)
                .allSatisfy(
                        l -> assertThat(l.at("/response/status_code").asInt()).isEqualTo(200));
        assertThat(costRecords(job)).hasSize(100).allSatisfy(r -> {
            assertThat(r.path("billing").asText()).isEqualTo("batch");
            assertThat(r.path("provider_job_id").asText()).isEqualTo(bedrockJob);
        });

        queue.send(event);
        queue.send("{\"type\":\"" + BatchMessages.POLL_TYPE + "\"}");
        drain();
        assertThat(AwsBatchResource.emulator().bedrockBatch().jobCount()).isEqualTo(bedrockJobs + 1);
        assertThat(costRecords(job)).hasSize(100);
    }

    /** Delivers what arrives until the queue stays empty (a continuation chain must end with its job). */
    private static void drain() {
        for (int round = 0; round < 20; round++) {
            List<Message> messages = queue.receive();
            if (messages.isEmpty() && delayedMessages() == 0) return;
            if (!messages.isEmpty()) deliver(messages);
        }
        throw new AssertionError("the queue never ran dry: a continuation loop");
    }

    private static void deliver(List<Message> messages) {
        assertThat(QueueDelivery.invoke(QueueDelivery.lambdaEvent(messages))).isEmpty();
        for (Message m : messages)
            sqs.deleteMessage(b -> b.queueUrl(AwsBatchResource.queueUrl()).receiptHandle(m.receiptHandle()));
    }

    /** The next messages, waiting out a delayed continuation (1 s in these tests) with a few long polls. */
    private static List<Message> receiveSoon() {
        for (int i = 0; i < 5; i++) {
            List<Message> m = queue.receive();
            if (!m.isEmpty()) return m;
        }
        throw new AssertionError("nothing arrived on the queue");
    }

    private static int delayedMessages() {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(AwsBatchResource.queueUrl())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    private static String lines(int n) {
        return lines(n, "nat/emulator-1");
    }

    private static String lines(int n, String model) {
        StringBuilder sb = new StringBuilder();
        IntStream.rangeClosed(1, n)
                .forEach(i -> sb.append("{\"custom_id\":\"req-")
                        .append(i)
                        .append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{")
                        .append("\"model\":\"")
                        .append(model)
                        .append("\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"line ")
                        .append(i)
                        .append("\"}]}}\n"));
        return sb.toString();
    }
}
