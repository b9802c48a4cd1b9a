package dev.switchboard.aws.batch;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What S3 and Lambda's SQS event source mapping do around the function, done by the test against the real queue:
 * S3 sends an {@code ObjectCreated} notification to the queue; the mapping receives messages, invokes the function
 * (here through Quarkus's mock event server) with the SQS event, and deletes the messages not listed in
 * {@code batchItemFailures}.
 */
final class QueueDelivery {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:" + AwsBatchResource.QUEUE;

    private final SqsClient sqs;
    private final S3Client s3;
    private final String queueUrl = AwsBatchResource.queueUrl();

    QueueDelivery(SqsClient sqs, S3Client s3) {
        this.sqs = sqs;
        this.s3 = s3;
    }

    /** The notification S3 sends for a PUT of {@code key}; returns the object's ETag as the event carries it. */
    String notifyObjectCreated(String bucket, String key) {
        var head = s3.headObject(b -> b.bucket(bucket).key(key));
        String etag = head.eTag().replace("\"", "");
        ObjectNode event = (ObjectNode) resource("events/s3-object-created.json");
        ObjectNode record = (ObjectNode) event.path("Records").get(0);
        ObjectNode s3Node = (ObjectNode) record.path("s3");
        ((ObjectNode) s3Node.path("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        ((ObjectNode) s3Node.path("object"))
                .put(
                        "key",
                        java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8)
                                .replace("%2F", "/"))
                .put("size", head.contentLength())
                .put("eTag", etag);
        send(event.toString());
        return etag;
    }

    void send(String body) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    /** Receives what is on the queue (long poll: returns as soon as a message is there). */
    List<Message> receive() {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(2)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
    }

    /** The SQS event Lambda builds from received messages. */
    static String lambdaEvent(List<Message> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode r = records.addObject();
            r.put("messageId", m.messageId())
                    .put("receiptHandle", m.receiptHandle())
                    .put("body", m.body());
            ObjectNode attributes = r.putObject("attributes");
            for (Map.Entry<String, String> a : m.attributesAsStrings().entrySet())
                attributes.put(a.getKey(), a.getValue());
            r.putObject("messageAttributes");
            r.put("md5OfBody", m.md5OfBody())
                    .put("eventSource", "aws:sqs")
                    .put("eventSourceARN", QUEUE_ARN)
                    .put("awsRegion", "us-east-1");
        }
        return event.toString();
    }

    /** Invokes the function with the event; returns the message ids it asked to retry. */
    static Set<String> invoke(String event) {
        String raw = given().contentType(ContentType.JSON)
                .body(event)
                .when()
                .post("/_lambda_")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            JsonNode answer = JSON.readTree(raw);
            Set<String> retry = new TreeSet<>();
            for (JsonNode f : answer.path("batchItemFailures"))
                retry.add(f.path("itemIdentifier").asText());
            if (!answer.has("batchItemFailures")) throw new AssertionError("not a partial batch response: " + raw);
            return retry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One round of the event source mapping: receive, invoke, delete what succeeded. Returns the retried ids. */
    Set<String> deliver() {
        List<Message> messages = receive();
        if (messages.isEmpty()) throw new AssertionError("no message on the queue");
        Set<String> retry = invoke(lambdaEvent(messages));
        List<Message> done = new ArrayList<>();
        for (Message m : messages) if (!retry.contains(m.messageId())) done.add(m);
        for (Message m : done) sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        return retry;
    }

    static JsonNode resource(String name) {
        try (InputStream in = QueueDelivery.class.getClassLoader().getResourceAsStream(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
