package dev.switchboard.emulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.emulator.behavior.Json;
import dev.switchboard.emulator.http.Generation;
import dev.switchboard.emulator.http.HttpReply;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state behind the emulated OpenAI / Azure OpenAI files and batches APIs: uploaded files, batches and their
 * result files, in memory. Lines are answered by the real-time path ({@link Generation#answerOffline}) when a batch
 * finishes: on its {@code finishAfterGets}-th retrieval (so a client that only polls sees it complete), or when a
 * test asks ({@link #finish}, {@link #expireAfter}). All methods are synchronized: a few calls per test, no load.
 */
final class OpenAiBatches {

    /** OpenAI's documented limit for one batch input file. */
    static final long MAX_FILE_BYTES = 200L * 1024 * 1024;

    /** Retrievals after which a batch completes on its own, unless changed with {@link #finishAfterGets(int)}. */
    static final int DEFAULT_FINISH_AFTER_GETS = 2;

    record StoredFile(String id, String filename, String purpose, long createdAt, byte[] content) {
        ObjectNode json() {
            return Json.obj(
                    "id",
                    id,
                    "object",
                    "file",
                    "bytes",
                    (long) content.length,
                    "created_at",
                    createdAt,
                    "expires_at",
                    null,
                    "filename",
                    filename,
                    "purpose",
                    purpose,
                    "status",
                    "processed",
                    "status_details",
                    null);
        }
    }

    private static final class Batch {
        final String id;
        final boolean azure;
        final String endpoint;
        final String inputFileId;
        final JsonNode metadata;
        final long createdAt;
        final List<JsonNode> lines;
        final ArrayNode errors;
        final Map<String, Long> times = new LinkedHashMap<>();
        String status;
        String outputFileId;
        String errorFileId;
        int completed;
        int failed;
        int gets;

        Batch(
                String id,
                boolean azure,
                String endpoint,
                String inputFileId,
                JsonNode metadata,
                List<JsonNode> lines,
                ArrayNode errors) {
            this.id = id;
            this.azure = azure;
            this.endpoint = endpoint;
            this.inputFileId = inputFileId;
            this.metadata = metadata;
            this.createdAt = now();
            this.lines = lines;
            this.errors = errors;
            if (errors.isEmpty()) {
                status = "validating";
            } else {
                status = "failed";
                times.put("failed_at", createdAt);
            }
        }

        boolean terminal() {
            return switch (status) {
                case "completed", "failed", "expired", "cancelled" -> true;
                default -> false;
            };
        }

        ObjectNode json() {
            ObjectNode b = Json.obj(
                    "id", id,
                    "object", "batch",
                    "endpoint", endpoint,
                    "errors", errors.isEmpty() ? null : Json.obj("object", "list", "data", errors),
                    "input_file_id", inputFileId,
                    "completion_window", "24h",
                    "status", status,
                    "output_file_id", outputFileId,
                    "error_file_id", errorFileId,
                    "created_at", createdAt,
                    "expires_at", createdAt + 24 * 3600);
            for (String t : List.of(
                    "in_progress_at",
                    "finalizing_at",
                    "completed_at",
                    "failed_at",
                    "expired_at",
                    "cancelling_at",
                    "cancelled_at")) {
                b.set(t, Json.node(times.get(t)));
            }
            b.set("request_counts", Json.obj("total", lines.size(), "completed", completed, "failed", failed));
            b.set("metadata", metadata == null || metadata.isNull() ? null : metadata);
            return b;
        }
    }

    private final Generation generation;
    private final Map<String, StoredFile> files = new LinkedHashMap<>();
    private final Map<String, Batch> batches = new LinkedHashMap<>();
    private long nextId = 1;
    private int finishAfterGets = DEFAULT_FINISH_AFTER_GETS;

    OpenAiBatches(Generation generation) {
        this.generation = generation;
    }

    // ---- files

    synchronized StoredFile addFile(String filename, String purpose, byte[] content) {
        StoredFile f = new StoredFile(newId("file-"), filename, purpose, now(), content);
        files.put(f.id(), f);
        return f;
    }

    synchronized Optional<StoredFile> file(String id) {
        return Optional.ofNullable(files.get(id));
    }

    synchronized boolean deleteFile(String id) {
        return files.remove(id) != null;
    }

    synchronized List<StoredFile> files() {
        return List.copyOf(files.values());
    }

    // ---- batches

    /** A new batch for an uploaded file; the input is validated now, a bad one makes a failed batch. */
    synchronized ObjectNode create(boolean azure, String endpoint, StoredFile input, JsonNode metadata) {
        ArrayNode errors = Json.arr();
        List<JsonNode> lines = BatchInput.lines(azure, endpoint, input.content(), errors);
        Batch b = new Batch(newId("batch_"), azure, endpoint, input.id(), metadata, lines, errors);
        batches.put(b.id, b);
        return b.json();
    }

    /** The batch as a client polling it sees it: every retrieval moves it on. */
    synchronized Optional<ObjectNode> retrieve(String id) {
        Batch b = batches.get(id);
        if (b == null) return Optional.empty();
        b.gets++;
        if (b.status.equals("cancelling")) {
            end(b, "cancelled", 0);
        } else if (!b.terminal() && finishAfterGets > 0 && b.gets >= finishAfterGets) {
            end(b, "completed", b.lines.size());
        } else if (b.status.equals("validating")) {
            b.status = "in_progress";
            b.times.put("in_progress_at", now());
        }
        return Optional.of(b.json());
    }

    /** Newest first, like OpenAI: the page after {@code after} (a batch id), and whether more follow. */
    synchronized ObjectNode list(String after, int limit) {
        List<Batch> newestFirst = new ArrayList<>(batches.values()).reversed();
        int start = 0;
        if (after != null) {
            for (int i = 0; i < newestFirst.size(); i++) {
                if (newestFirst.get(i).id.equals(after)) start = i + 1;
            }
        }
        List<Batch> page =
                newestFirst.subList(Math.min(start, newestFirst.size()), Math.min(start + limit, newestFirst.size()));
        List<ObjectNode> data = page.stream().map(Batch::json).toList();
        return Json.obj(
                "object",
                "list",
                "data",
                data,
                "first_id",
                page.isEmpty() ? null : page.getFirst().id,
                "last_id",
                page.isEmpty() ? null : page.getLast().id,
                "has_more",
                start + limit < newestFirst.size());
    }

    /** The batch after a cancel request, or empty when there is none; a terminal batch cannot be cancelled. */
    synchronized Optional<ObjectNode> cancel(String id) {
        Batch b = batches.get(id);
        if (b == null) return Optional.empty();
        if (b.terminal()) throw new IllegalStateException("Cannot cancel a batch with status '" + b.status + "'.");
        if (!b.status.equals("cancelling")) {
            b.status = "cancelling";
            b.times.put("cancelling_at", now());
        }
        return Optional.of(b.json());
    }

    /** Test control: every line gets its result now. */
    synchronized boolean finish(String id) {
        Batch b = batches.get(id);
        if (b == null) return false;
        if (!b.terminal()) end(b, "completed", b.lines.size());
        return true;
    }

    /** Test control: the first {@code answered} lines get results, the others expire. */
    synchronized boolean expireAfter(String id, int answered) {
        Batch b = batches.get(id);
        if (b == null) return false;
        if (!b.terminal()) end(b, "expired", Math.max(0, Math.min(answered, b.lines.size())));
        return true;
    }

    synchronized int count() {
        return batches.size();
    }

    /** 0 = batches complete only when a test says so. */
    synchronized void finishAfterGets(int gets) {
        finishAfterGets = Math.max(0, gets);
    }

    // ---- the work

    /** Answers the first {@code answered} lines and ends the batch; the rest get the state's error line. */
    private void end(Batch b, String status, int answered) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        OpenAiCodec codec = new OpenAiCodec(b.azure, false);
        for (int i = 0; i < b.lines.size(); i++) {
            JsonNode line = b.lines.get(i);
            String customId = line.path("custom_id").asText();
            String requestId = "batch_req_" + b.id.substring("batch_".length()) + "_" + (i + 1);
            if (i >= answered) {
                // OpenAI writes lines it never ran into the error file, with no response
                String code = status.equals("expired") ? "batch_expired" : "batch_cancelled";
                String message = status.equals("expired")
                        ? "This request could not be executed before the completion window expired."
                        : "This request was not executed because the batch was cancelled.";
                if (!status.equals("completed")) {
                    writeLine(
                            errors,
                            Json.obj(
                                    "id",
                                    requestId,
                                    "custom_id",
                                    customId,
                                    "response",
                                    null,
                                    "error",
                                    Json.obj("code", code, "message", message)));
                }
                continue;
            }
            JsonNode body = line.get("body");
            HttpReply reply = generation.answerOffline(body.path("model").asText(null), body, codec);
            ObjectNode out = Json.obj(
                    "id",
                    requestId,
                    "custom_id",
                    customId,
                    "response",
                    Json.obj(
                            "status_code", reply.status(),
                            "request_id", "req_" + requestId,
                            "body", Json.parseOrNull(reply.body())),
                    "error",
                    null);
            if (reply.status() == 200) {
                b.completed++;
                writeLine(output, out);
            } else {
                b.failed++;
                writeLine(errors, out);
            }
        }
        if (output.size() > 0) {
            b.outputFileId = addFile(b.id + "_output.jsonl", "batch_output", output.toByteArray())
                    .id();
        }
        if (errors.size() > 0) {
            b.errorFileId = addFile(b.id + "_error.jsonl", "batch_output", errors.toByteArray())
                    .id();
        }
        long t = now();
        if (status.equals("completed")) b.times.put("finalizing_at", t);
        b.times.put(status + "_at", t);
        b.status = status;
    }

    private static void writeLine(ByteArrayOutputStream out, JsonNode line) {
        out.writeBytes(Json.bytes(line));
        out.write('\n');
    }

    private String newId(String prefix) {
        return prefix + String.format("emu%021d", nextId++);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
