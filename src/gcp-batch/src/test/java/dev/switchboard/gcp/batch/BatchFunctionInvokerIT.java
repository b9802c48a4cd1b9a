package dev.switchboard.gcp.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.batch.JobIds;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import dev.switchboard.emulator.gcs.GcsServer;
import dev.switchboard.gcp.InvokerProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged batch function ({@code target/deployment/*-runner.jar}) under the real Functions Framework invoker,
 * {@code --target dev.switchboard.gcp.batch.BatchFunction} as deployed, receiving binary-mode CloudEvents over HTTP
 * the way Eventarc delivers them. Cloud Storage is the emulator's GCS server, Vertex AI the emulator (plaintext gRPC);
 * configured through the environment variables terraform/gcp sets, plus system properties for the local endpoints.
 */
class BatchFunctionInvokerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "switchboard-it";
    private static final String IN = "sb-batch-in";
    private static final String OUT = "sb-batch-out";

    private static Emulator emulator;
    private static GcsServer gcs;
    private static InvokerProcess function;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(EmulatorOptions.defaults());
        gcs = GcsServer.start();
        List<String> jvm = List.of(
                "-Dswitchboard.providers.vertex.endpoint=" + emulator.grpcTarget(),
                "-Dswitchboard.providers.vertex.plaintext=true",
                "-Dswitchboard.retry.max-attempts=1",
                "-Dswitchboard.gcp-batch.gcs.endpoint=" + gcs.endpoint(),
                // no job here needs handing on (the publish path is PubSubContinuationsTest's)
                "-Dswitchboard.gcp-batch.pubsub.endpoint=127.0.0.1:9");
        Map<String, String> env = new HashMap<>();
        env.put("GOOGLE_CLOUD_PROJECT", PROJECT);
        env.put("SWITCHBOARD_DEFAULT_TARGETS", "vertex/emulator-1");
        env.put("SWITCHBOARD_BATCH_INPUT_BUCKET", IN);
        env.put("SWITCHBOARD_BATCH_OUTPUT_BUCKET", OUT);
        env.put("SWITCHBOARD_BATCH_CONTINUATION_TOPIC", "switchboard-batch-continue");
        for (String key : List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY")) env.put(key, null);
        function = InvokerProcess.start("dev.switchboard.gcp.batch.BatchFunction", jvm, env);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        if (function != null) function.close();
        if (gcs != null) gcs.close();
        if (emulator != null) emulator.close();
        if (client != null) client.close();
    }

    @Test
    void aFinalizedObjectRunsIntoTheOutputBucketAndRedeliveryBillsNothingTwice() throws Exception {
        String name = "in/" + UUID.randomUUID() + ".jsonl";
        long generation = gcs.write(IN, name, lines(3));
        String job = JobIds.fromInput(IN, name, Long.toString(generation));
        int before = emulator.requestCount("emulator-1");

        HttpResponse<String> first =
                deliver(GcpBatchEvents.FINALIZED, "objects/" + name, finalized(IN, name, generation));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("outcome").asText()).isEqualTo("finished");

        JsonNode batch = JSON.readTree(gcs.read(OUT, job + "/batch.json"));
        assertThat(batch.path("status").asText()).isEqualTo("completed");
        assertThat(batch.path("request_counts").path("completed").asInt()).isEqualTo(3);
        List<String> output = new String(gcs.read(OUT, job + "/output.jsonl"), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(output).hasSize(3).allSatisfy(l -> {
            JsonNode response = json(l).path("response");
            assertThat(response.path("status_code").asInt()).isEqualTo(200);
            assertThat(response.path("body")
                            .path("choices")
                            .get(0)
                            .path("message")
                            .path("content")
                            .asText())
                    .startsWith("Hello from the Switchboard emulator.");
        });
        assertThat(gcs.read(IN, job + "/batch.json"))
                .as("nothing written to the input bucket")
                .isNull();
        assertThat(emulator.requestCount("emulator-1") - before).isEqualTo(3);
        assertThat(costLines(job)).hasSize(3);

        // Eventarc delivers at least once: the same event again (new ce-id, as a retry would carry) calls nothing
        HttpResponse<String> again =
                deliver(GcpBatchEvents.FINALIZED, "objects/" + name, finalized(IN, name, generation));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(emulator.requestCount("emulator-1") - before).isEqualTo(3);
        assertThat(costLines(job)).hasSize(3);

        // a continuation for the finished job (Pub/Sub push through Eventarc) finds nothing left to call
        String continuation = GcpBatchEvents.continuation(job, IN, name);
        HttpResponse<String> resumed =
                deliver(GcpBatchEvents.PUBLISHED, null, GcpBatchEvents.publishedEventData(continuation));
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(resumed.body()).path("outcome").asText()).isEqualTo("finished");
        // ... and so does the same continuation as a Pub/Sub push subscription delivers it (no ce-* headers)
        HttpResponse<String> pushed = client.send(
                HttpRequest.newBuilder(function.uri("/"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(GcpBatchEvents.publishedEventData(continuation)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(pushed.body()).path("outcome").asText()).isEqualTo("finished");
        assertThat(emulator.requestCount("emulator-1") - before).isEqualTo(3);
        assertThat(costLines(job)).hasSize(3);
    }

    @Test
    void theSchedulersPollMessageIsAcknowledgedAsAPoll() throws Exception {
        // Cloud Scheduler → the continuation topic → its push subscription → the function (no ce-* headers)
        byte[] push = GcpBatchEvents.publishedEventData("{\"type\":\"" + GcpBatchEvents.POLL_TYPE + "\"}");
        int before = emulator.requestCount("emulator-1");
        HttpResponse<String> polled = client.send(
                HttpRequest.newBuilder(function.uri("/"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(push))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
        assertThat(JSON.readTree(polled.body()).path("outcome").asText()).isEqualTo("polled");
        assertThat(emulator.requestCount("emulator-1")).isEqualTo(before);
    }

    @Test
    void notOursIsAcknowledgedAndNotAnEventIsRejected() throws Exception {
        long g = gcs.write(IN, "notes/readme.txt", "hi".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> other =
                deliver(GcpBatchEvents.FINALIZED, "objects/notes/readme.txt", finalized(IN, "notes/readme.txt", g));
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(other.body()).path("outcome").asText()).isEqualTo("ignored");

        // structured mode: the whole CloudEvent as the JSON body
        String structured = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("type", GcpBatchEvents.FINALIZED)
                .put("source", "//storage.googleapis.com/projects/_/buckets/" + IN)
                .set("data", JSON.readTree(finalized(IN, "notes/readme.txt", g)))
                .toString();
        HttpResponse<String> structuredOther = client.send(
                HttpRequest.newBuilder(function.uri("/"))
                        .header("content-type", "application/cloudevents+json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(structured))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(structuredOther.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(structuredOther.body()).path("outcome").asText())
                .isEqualTo("ignored");

        HttpResponse<String> plain = client.send(
                HttpRequest.newBuilder(function.uri("/"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("not a CloudEvent").doesNotContain("Exception");
    }

    private HttpResponse<String> deliver(String type, String subject, byte[] data)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(function.uri("/"))
                .header("content-type", "application/json")
                .header("ce-specversion", "1.0")
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-type", type)
                .header("ce-time", "2026-12-01T22:00:00.000Z")
                .header(
                        "ce-source",
                        type.equals(GcpBatchEvents.FINALIZED)
                                ? "//storage.googleapis.com/projects/_/buckets/" + IN
                                : "//pubsub.googleapis.com/projects/" + PROJECT + "/topics/switchboard-batch-continue");
        if (subject != null) b.header("ce-subject", subject);
        return client.send(
                b.POST(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The function's Cloud Logging cost lines for one job. */
    private static List<JsonNode> costLines(String job) throws IOException {
        return function.stdoutLines().stream()
                .filter(l -> l.startsWith("{"))
                .map(BatchFunctionInvokerIT::json)
                .filter(n -> job.equals(n.path("batch_job_id").asText()))
                .toList();
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] finalized(String bucket, String name, long generation) {
        var n = JSON.createObjectNode();
        n.put("kind", "storage#object")
                .put("id", bucket + "/" + name + "/" + generation)
                .put("name", name)
                .put("bucket", bucket)
                .put("generation", Long.toString(generation))
                .put("metageneration", "1")
                .put("contentType", "application/jsonl")
                .put("size", "100")
                .put("storageClass", "STANDARD");
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] lines(int n) {
        StringBuilder sb = new StringBuilder();
        IntStream.rangeClosed(1, n)
                .forEach(i -> sb.append("{\"custom_id\":\"req-")
                        .append(i)
                        .append(
                                "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"default\",")
                        .append("\"messages\":[{\"role\":\"user\",\"content\":\"line ")
                        .append(i)
                        .append("\"}]}}\n"));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
