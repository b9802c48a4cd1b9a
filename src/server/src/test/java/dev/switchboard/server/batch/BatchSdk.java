package dev.switchboard.server.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.switchboard.server.e2e.EmulatorResource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a caller of the batch API does with the OpenAI SDK: upload a file and create a batch, poll it to its end, read
 * a result file; and the cost records a job left in the emulator's cost file.
 */
final class BatchSdk {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchSdk() {}

    /** A caller's client of the local server's {@code /v1} (the server ignores the key; no SDK retries). */
    static OpenAIClient client(java.net.URL base) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(base.toString())
                .apiKey("caller-key-unused")
                .maxRetries(0)
                .build();
    }

    /** Polls as a caller would, until the batch ends (the jobs run in the background). */
    static Batch awaitEnd(OpenAIClient client, String id) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Batch b = client.batches().retrieve(id);
            String s = b.status().asString();
            if (s.equals("completed") || s.equals("failed") || s.equals("cancelled") || s.equals("expired")) return b;
            if (Instant.now().isAfter(giveUp)) throw new AssertionError("batch still " + s + " after 60 s");
            Thread.sleep(50);
        }
    }

    /** The lines of a result file. */
    static List<JsonNode> content(OpenAIClient client, String fileId) throws Exception {
        try (InputStream in = client.files().content(fileId).body()) {
            List<JsonNode> out = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank()) out.add(JSON.readTree(l));
            }
            return out;
        }
    }

    /** Uploads {@code lines} as a batch input file and creates a Chat Completions batch with {@code metadata}. */
    static Batch create(OpenAIClient client, List<String> lines, Map<String, String> metadata) {
        byte[] content = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        FileObject file = client.files()
                .create(FileCreateParams.builder()
                        .file(content)
                        .purpose(FilePurpose.BATCH)
                        .build());
        BatchCreateParams.Metadata.Builder m = BatchCreateParams.Metadata.builder();
        metadata.forEach((k, v) -> m.putAdditionalProperty(k, JsonValue.from(v)));
        return client.batches()
                .create(BatchCreateParams.builder()
                        .inputFileId(file.id())
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .metadata(m.build())
                        .build());
    }

    /** A Switchboard field of the batch object the SDK does not model ({@code mode}, {@code mode_reason}, ...). */
    static String extra(Batch b, String field) {
        JsonValue v = b._additionalProperties().get(field);
        if (v == null) return null;
        Object text = v.asString().orElse(null);
        return text == null ? null : text.toString();
    }

    /** The cost records of one batch job. */
    static List<JsonNode> costRecords(String jobId) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(EmulatorResource.costFile())) {
            JsonNode r = JSON.readTree(l);
            if (jobId.equals(r.path("batch_job_id").asText())) out.add(r);
        }
        return out;
    }
}
