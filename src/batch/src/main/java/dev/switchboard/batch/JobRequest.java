package dev.switchboard.batch;

import dev.switchboard.batch.format.BatchEndpoint;
import java.util.Map;

/**
 * A job to create.
 *
 * @param id               "batch_..." ; deterministic for event-driven jobs so a re-delivered event finds its job
 *                         ({@link JobIds#fromInput})
 * @param endpoint         the url every line must use; null to accept both
 * @param completionWindow OpenAI's window, "24h" (hours); past it the job ends {@code expired}
 */
public record JobRequest(
        String id, String inputFileId, BatchEndpoint endpoint, String completionWindow, Map<String, String> metadata) {
    public JobRequest {
        if (id == null || !JobIds.valid(id)) throw new IllegalArgumentException("invalid batch id: " + id);
        completionWindow = completionWindow == null ? "24h" : completionWindow;
        BatchEngine.windowSeconds(completionWindow); // refuses anything but whole hours
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
