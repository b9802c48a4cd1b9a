package dev.switchboard.gcp.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.batch.JobIds;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import dev.switchboard.emulator.gcs.GcsServer;
import dev.switchboard.gcp.InvokerProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged batch function when a job must be handed on and the continuation cannot be published: the event is
 * answered 500 (so Eventarc delivers it again), no line has been called, and the answer names no exception. The
 * invocation budget (129 s) is below line allowance + checkpoint reserve (130 s), so the job is handed on at once;
 * the Pub/Sub endpoint is a closed loopback port, so the publish fails after its 30 s bound.
 */
class BatchFunctionRedeliveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IN = "sb-redeliver-in";
    private static final String OUT = "sb-redeliver-out";

    private static Emulator emulator;
    private static GcsServer gcs;
    private static InvokerProcess function;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(EmulatorOptions.defaults());
        gcs = GcsServer.start();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        List<String> jvm = List.of(
                "-Dswitchboard.providers.vertex.endpoint=" + emulator.grpcTarget(),
                "-Dswitchboard.providers.vertex.plaintext=true",
                "-Dswitchboard.gcp-batch.gcs.endpoint=" + gcs.endpoint(),
                "-Dswitchboard.gcp-batch.pubsub.endpoint=127.0.0.1:" + closed);
        Map<String, String> env = new HashMap<>();
        env.put("GOOGLE_CLOUD_PROJECT", "switchboard-it");
        env.put("SWITCHBOARD_DEFAULT_TARGETS", "vertex/emulator-1");
        env.put("SWITCHBOARD_BATCH_INPUT_BUCKET", IN);
        env.put("SWITCHBOARD_BATCH_OUTPUT_BUCKET", OUT);
        env.put("SWITCHBOARD_BATCH_CONTINUATION_TOPIC", "switchboard-batch-continue");
        env.put("SWITCHBOARD_BATCH_INVOCATION_TIMEOUT", "129s");
        for (String key : List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY")) env.put(key, null);
        function = InvokerProcess.start("dev.switchboard.gcp.batch.BatchFunction", jvm, env);
    }

    @AfterAll
    static void stop() {
        if (function != null) function.close();
        if (gcs != null) gcs.close();
        if (emulator != null) emulator.close();
    }

    @Test
    void aContinuationThatCannotBePublishedAsksForRedelivery() throws Exception {
        String name = "in/" + UUID.randomUUID() + ".jsonl";
        long generation = gcs.write(
                IN,
                name,
                ("{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                                + "\"body\":{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}\n")
                        .getBytes(StandardCharsets.UTF_8));
        String data = JSON.createObjectNode()
                .put("bucket", IN)
                .put("name", name)
                .put("generation", Long.toString(generation))
                .toString();
        int before = emulator.requestCount("emulator-1");
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(function.uri("/"))
                            .header("content-type", "application/json")
                            .header("ce-specversion", "1.0")
                            .header("ce-id", UUID.randomUUID().toString())
                            .header("ce-type", GcpBatchEvents.FINALIZED)
                            .header("ce-source", "//storage.googleapis.com/projects/_/buckets/" + IN)
                            .POST(HttpRequest.BodyPublishers.ofString(data))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("redelivered").doesNotContain("Exception");
        }
        assertThat(emulator.requestCount("emulator-1")).isEqualTo(before);
        String job = JobIds.fromInput(IN, name, Long.toString(generation));
        assertThat(JSON.readTree(gcs.read(OUT, job + "/batch.json"))
                        .path("status")
                        .asText())
                .as("the job is kept for the redelivered event")
                .isNotEqualTo("completed");
        assertThat(function.stderr()).contains("to be redelivered");
    }
}
