package dev.switchboard.aws.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.aws.batch.BatchMessages.Continue;
import dev.switchboard.aws.batch.BatchMessages.Start;
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
}
