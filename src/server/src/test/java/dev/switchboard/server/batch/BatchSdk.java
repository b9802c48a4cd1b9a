package dev.switchboard.server.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.models.batches.Batch;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a caller of the batch API does with the OpenAI SDK: poll a batch to its end, read a result file. */
final class BatchSdk {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchSdk() {}

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
}
