package dev.switchboard.aws.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.aws.batch.BatchMessages.Continue;
import dev.switchboard.aws.batch.BatchMessages.Poll;
import dev.switchboard.aws.batch.BatchMessages.ProviderEvent;
import dev.switchboard.aws.batch.BatchMessages.Start;
import dev.switchboard.provider.bedrock.BedrockBatchNames;
import org.junit.jupiter.api.Test;

class BatchMessagesTest {

    private static String event(String eventName, String key, String object) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"%s",
                 "s3":{"bucket":{"name":"b"},"object":{"key":"%s",%s}}}]}""".formatted(eventName, key, object);
    }

    @Test
    void keysAreUrlDecodedAsS3EncodesThem() {
        assertThat(BatchMessages.parse(
                        event("ObjectCreated:Put", "in/my+file%C3%A9%2B1.jsonl", "\"eTag\":\"e1\""), "in/"))
                .containsExactly(new Start("b", "in/my fileé+1.jsonl", "e1"));
    }

    @Test
    void theVersionIdWinsOverTheEtag() {
        assertThat(BatchMessages.parse(
                        event(
                                "ObjectCreated:CompleteMultipartUpload",
                                "in/a.jsonl",
                                "\"eTag\":\"e1\",\"versionId\":\"v7\""),
                        "in/"))
                .containsExactly(new Start("b", "in/a.jsonl", "v7"));
    }

    @Test
    void otherEventsPrefixesAndSuffixesAskForNothing() {
        assertThat(BatchMessages.parse(event("ObjectRemoved:Delete", "in/a.jsonl", "\"eTag\":\"e\""), "in/"))
                .isEmpty();
        assertThat(BatchMessages.parse(event("ObjectCreated:Put", "out/a.jsonl", "\"eTag\":\"e\""), "in/"))
                .isEmpty();
        assertThat(BatchMessages.parse(event("ObjectCreated:Put", "in/a.json", "\"eTag\":\"e\""), "in/"))
                .isEmpty();
        assertThat(BatchMessages.parse("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}", "in/"))
                .isEmpty();
    }

    @Test
    void aContinuationRoundTrips() {
        String body = BatchMessages.continuation("batch_abc", "b", "in/a b.jsonl");
        assertThat(BatchMessages.parse(body, "in/")).containsExactly(new Continue("batch_abc", "b", "in/a b.jsonl"));
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> BatchMessages.parse("not json", "in/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BatchMessages.parse("{\"hello\":1}", "in/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BatchMessages.parse("{\"type\":\"switchboard.batch.continue\"}", "in/"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Bedrock's "Batch Inference Job State Change" event as the EventBridge rule puts it on the queue. */
    static String bedrockEvent(String jobName, String status) {
        return QueueDelivery.resource("events/bedrock-batch-job-state-change.json")
                .toString()
                .replace("JOB_NAME", jobName)
                .replace("STATUS", status);
    }

    @Test
    void theSchedulesPollMessageAsksForAPoll() {
        assertThat(BatchMessages.parse("{\"type\":\"switchboard.batch.poll\"}", "in/"))
                .containsExactly(new Poll());
    }

    @Test
    void aBedrockJobEventNamesTheSwitchboardJobItWasCreatedFor() {
        String job = "batch_0123456789abcdef0123456789abcdef";
        assertThat(BatchMessages.parse(bedrockEvent(BedrockBatchNames.jobName(job), "Completed"), "in/"))
                .containsExactly(new ProviderEvent("bedrock", job, "Completed"));
    }

    @Test
    void bedrockJobsSwitchboardDidNotNameAndOtherEventsAskForNothing() {
        assertThat(BatchMessages.parse(bedrockEvent("nightly-eval", "Completed"), "in/"))
                .isEmpty();
        // a hashed name (ids past Bedrock's 63 characters) cannot be read back: the poll finds that job
        assertThat(BatchMessages.parse(
                        bedrockEvent(BedrockBatchNames.jobName("batch_" + "x".repeat(64)), "Completed"), "in/"))
                .isEmpty();
        assertThat(BatchMessages.parse(
                        bedrockEvent("sb-batch-uabc", "Completed")
                                .replace("Batch Inference Job State Change", "Model Customization Job State Change"),
                        "in/"))
                .isEmpty();
    }
}
