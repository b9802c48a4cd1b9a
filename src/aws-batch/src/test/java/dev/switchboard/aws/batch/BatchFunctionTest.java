package dev.switchboard.aws.batch;

import static dev.switchboard.aws.batch.BatchFiles.costRecords;
import static dev.switchboard.aws.batch.BatchFiles.json;
import static dev.switchboard.aws.batch.BatchFiles.jsonLines;
import static dev.switchboard.aws.batch.BatchFiles.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.batch.JobIds;
import dev.switchboard.provider.bedrock.BedrockBatchNames;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The batch Lambda through Quarkus's mock event server, fed the SQS events Lambda builds from real S3 notifications
 * on a real queue (ElasticMQ), with the bucket on s3proxy and the emulator as upstream.
 */
@QuarkusTest
@QuarkusTestResource(value = AwsBatchResource.class, restrictToAnnotatedClass = true)
class BatchFunctionTest extends FunctionTestSupport {
    @Test
    void aDroppedFileRunsUnderOutAndARedeliveryBillsNothingTwice() {
        String key = "in/three lines.jsonl";
        put(key, lines(3, "ping"));
        String etag = queue.notifyObjectCreated(BUCKET, key);
        List<Message> delivered = queue.receive();
        assertThat(delivered).hasSize(1);
        String event = QueueDelivery.lambdaEvent(delivered);

        assertThat(QueueDelivery.invoke(event)).isEmpty();

        String job = JobIds.fromInput(BUCKET, key, etag);
        JsonNode batch = json(s3, "out/" + job + "/batch.json");
        assertThat(batch.path("status").asText()).isEqualTo("completed");
        assertThat(batch.path("request_counts").path("total").asInt()).isEqualTo(3);
        assertThat(batch.path("request_counts").path("completed").asInt()).isEqualTo(3);
        List<JsonNode> output = jsonLines(s3, "out/" + job + "/output.jsonl");
        assertThat(output)
                .extracting(l -> l.path("custom_id").asText())
                .containsExactlyInAnyOrder("req-1", "req-2", "req-3");
        assertThat(output).allSatisfy(l -> {
            assertThat(l.path("response").path("status_code").asInt()).isEqualTo(200);
            assertThat(l.path("response")
                            .path("body")
                            .path("choices")
                            .get(0)
                            .path("message")
                            .path("content")
                            .asText())
                    .startsWith("Hello from the Switchboard emulator.");
        });
        assertThat(costRecords(job))
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.path("outcome").asText()).isEqualTo("ok"));
        // everything of the job lies under out/<job id>/, nothing under the input prefix (no self-trigger)
        assertThat(keys(""))
                .filteredOn(k -> k.contains(job))
                .isNotEmpty()
                .allSatisfy(k -> assertThat(k).startsWith("out/" + job + "/"));

        // SQS delivers at least once: the same message again finds the finished job and calls nothing
        assertThat(QueueDelivery.invoke(event)).isEmpty();
        assertThat(costRecords(job)).hasSize(3);
        assertThat(jsonLines(s3, "out/" + job + "/output.jsonl")).hasSize(3);
        assertThat(queue.receive()).as("no continuation for a finished job").isEmpty();
    }

    @Test
    void aDeadlineHandsTheJobOnThroughTheQueueAndTheContinuationFinishesIt() {
        String key = "in/five.jsonl";
        put(key, lines(5, "long"));
        String etag = queue.notifyObjectCreated(BUCKET, key);
        String job = JobIds.fromInput(BUCKET, key, etag);

        QuarkusMock.installMockForType(new ScriptedBudget(2), InvocationBudget.class);
        assertThat(queue.deliver()).isEmpty();
        JsonNode batch = json(s3, "out/" + job + "/batch.json");
        assertThat(batch.path("status").asText()).isEqualTo("in_progress");
        assertThat(costRecords(job)).hasSize(2);

        List<Message> continuation = queue.receive();
        assertThat(continuation).hasSize(1);
        JsonNode body = QueueDelivery.JSON.valueToTree(parse(continuation.get(0).body()));
        assertThat(body.path("type").asText()).isEqualTo("switchboard.batch.continue");
        assertThat(body.path("job_id").asText()).isEqualTo(job);

        QuarkusMock.installMockForType(ScriptedBudget.ample(), InvocationBudget.class);
        assertThat(QueueDelivery.invoke(QueueDelivery.lambdaEvent(continuation)))
                .isEmpty();
        sqs.deleteMessage(b -> b.queueUrl(AwsBatchResource.queueUrl())
                .receiptHandle(continuation.get(0).receiptHandle()));
        assertThat(json(s3, "out/" + job + "/batch.json").path("status").asText())
                .isEqualTo("completed");
        assertThat(jsonLines(s3, "out/" + job + "/output.jsonl")).hasSize(5);
        assertThat(costRecords(job))
                .as("each line billed once across the two invocations")
                .hasSize(5);
        assertThat(queue.receive()).isEmpty();
    }

    @Test
    void anInvalidFileFailsValidationAndCallsNothing() {
        String key = "in/broken.jsonl";
        put(key, lines(2, "ok") + "{not json\n");
        String etag = queue.notifyObjectCreated(BUCKET, key);
        assertThat(queue.deliver()).isEmpty(); // the job's failure is a result, not a retry

        String job = JobIds.fromInput(BUCKET, key, etag);
        JsonNode batch = json(s3, "out/" + job + "/batch.json");
        assertThat(batch.path("status").asText()).isEqualTo("failed");
        assertThat(batch.path("errors").path("data").get(0).path("line").asInt())
                .isEqualTo(3);
        assertThat(costRecords(job)).isEmpty();
    }

    @Test
    void aStorageFailureIsRetriedWhileTheRestOfTheBatchIsDone() {
        String key = "in/good.jsonl";
        put(key, lines(1, "fine"));
        queue.notifyObjectCreated(BUCKET, key);
        // a notification for a bucket the function cannot reach (gone, or no permission): S3 answers an error
        String missing = QueueDelivery.resource("events/s3-object-created.json")
                .toString()
                .replace("\"BUCKET\"", "\"no-such-bucket\"")
                .replace("\"KEY\"", "\"in/x.jsonl\"");
        queue.send(missing);
        List<Message> both = new ArrayList<>(queue.receive());
        if (both.size() < 2) both.addAll(queue.receive());
        assertThat(both).hasSize(2);

        Set<String> retry = QueueDelivery.invoke(QueueDelivery.lambdaEvent(both));

        String failed = both.stream()
                .filter(m -> m.body().contains("no-such-bucket"))
                .findFirst()
                .orElseThrow()
                .messageId();
        assertThat(retry).containsExactly(failed);
        for (Message m : both)
            sqs.deleteMessage(b -> b.queueUrl(AwsBatchResource.queueUrl()).receiptHandle(m.receiptHandle()));
    }

    @Test
    void testEventsOtherKeysAndForeignMessagesAskForNothing() {
        put("notes/readme.jsonl", lines(1, "x"));
        put("in/data.csv", "a,b\n");
        queue.notifyObjectCreated(BUCKET, "notes/readme.jsonl");
        queue.notifyObjectCreated(BUCKET, "in/data.csv");
        queue.send(QueueDelivery.resource("events/s3-test-event.json").toString());
        queue.send("not json at all");
        List<Message> messages = new ArrayList<>();
        while (messages.size() < 4) {
            List<Message> more = queue.receive();
            if (more.isEmpty()) break;
            messages.addAll(more);
        }
        assertThat(messages).hasSize(4);
        List<String> jobsBefore = keys("out/");

        assertThat(QueueDelivery.invoke(QueueDelivery.lambdaEvent(messages))).isEmpty();

        assertThat(keys("out/")).isEqualTo(jobsBefore);
        for (Message m : messages)
            sqs.deleteMessage(b -> b.queueUrl(AwsBatchResource.queueUrl()).receiptHandle(m.receiptHandle()));
    }

    @Test
    void theObjectsModeMetadataBecomesTheJobsMode() {
        String key = "in/with-mode.jsonl";
        s3.putObject(
                b -> b.bucket(BUCKET).key(key).metadata(Map.of("switchboard-mode", " Sync ")),
                RequestBody.fromString(lines(2, "mode"), StandardCharsets.UTF_8));
        String etag = queue.notifyObjectCreated(BUCKET, key);
        assertThat(queue.deliver()).isEmpty();

        JsonNode batch = json(s3, "out/" + JobIds.fromInput(BUCKET, key, etag) + "/batch.json");
        assertThat(batch.path("metadata").path("mode").asText()).isEqualTo("sync");
        assertThat(batch.path("status").asText()).isEqualTo("completed");
    }

    @Test
    void aPollOrABedrockEventWithNothingWaitingRunsNothing() {
        String key = "in/unfinished.jsonl";
        put(key, lines(3, "later"));
        String etag = queue.notifyObjectCreated(BUCKET, key);
        String job = JobIds.fromInput(BUCKET, key, etag);
        QuarkusMock.installMockForType(new ScriptedBudget(1), InvocationBudget.class);
        assertThat(queue.deliver()).isEmpty();
        List<Message> continuation = queue.receive();
        assertThat(continuation).hasSize(1);
        assertThat(costRecords(job)).hasSize(1);
        QuarkusMock.installMockForType(ScriptedBudget.ample(), InvocationBudget.class);

        // a sync job in progress is its continuation's: neither the poll nor an event takes it over
        queue.send("{\"type\":\"switchboard.batch.poll\"}");
        queue.send(BatchMessagesTest.bedrockEvent(BedrockBatchNames.jobName(job), "Completed"));
        queue.send(BatchMessagesTest.bedrockEvent(BedrockBatchNames.jobName("batch_nosuchjob"), "Completed"));
        List<Message> messages = new ArrayList<>();
        while (messages.size() < 3) {
            List<Message> more = queue.receive();
            if (more.isEmpty()) break;
            messages.addAll(more);
        }
        assertThat(messages).hasSize(3);
        assertThat(QueueDelivery.invoke(QueueDelivery.lambdaEvent(messages))).isEmpty();
        for (Message m : messages)
            sqs.deleteMessage(b -> b.queueUrl(AwsBatchResource.queueUrl()).receiptHandle(m.receiptHandle()));
        assertThat(costRecords(job)).hasSize(1);
        assertThat(queue.receive()).isEmpty();

        assertThat(QueueDelivery.invoke(QueueDelivery.lambdaEvent(continuation)))
                .isEmpty();
        sqs.deleteMessage(b -> b.queueUrl(AwsBatchResource.queueUrl())
                .receiptHandle(continuation.get(0).receiptHandle()));
        assertThat(json(s3, "out/" + job + "/batch.json").path("status").asText())
                .isEqualTo("completed");
        assertThat(costRecords(job)).hasSize(3);
    }

    private static String lines(int n, String word) {
        StringBuilder sb = new StringBuilder();
        IntStream.rangeClosed(1, n)
                .forEach(i -> sb.append("{\"custom_id\":\"req-")
                        .append(i)
                        .append(
                                "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"default\",")
                        .append("\"messages\":[{\"role\":\"user\",\"content\":\"")
                        .append(word)
                        .append(' ')
                        .append(i)
                        .append("\"}]}}\n"));
        return sb.toString();
    }

    private static void put(String key, String content) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
    }

    private static List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(o -> o.key())
                .filter(k -> !k.endsWith("/"))
                .toList();
    }
}
