package dev.switchboard.emulator.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.emulator.behavior.Failure;
import dev.switchboard.emulator.behavior.Json;
import dev.switchboard.emulator.behavior.Protocol;
import dev.switchboard.emulator.http.Generation;
import dev.switchboard.emulator.http.HttpReply;
import dev.switchboard.emulator.http.Incoming;
import dev.switchboard.emulator.http.ResponseWriter;
import dev.switchboard.emulator.http.Route;
import dev.switchboard.emulator.nativebatch.EmulatedBatch;
import dev.switchboard.emulator.nativebatch.EmulatedBatches;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gemini API batch mode with inlined requests: {@code models/{model}:batchGenerateContent} answers a long-running
 * operation named {@code batches/{id}} whose metadata is the {@code GenerateContentBatch} (state, stats, and once
 * done {@code output.inlinedResponses}); {@code GET batches/{id}}, {@code GET batches} (paged) and {@code
 * batches/{id}:cancel}. Lines are answered like {@code generateContent} answers them; see {@link EmulatedBatches}
 * for the admin controls ({@code /_emulator/gemini/batches/...}).
 */
public final class GeminiBatchRoutes {

    private static final String TYPE = "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch";
    private static final String COLON = "(?::|%3[aA])";

    private GeminiBatchRoutes() {}

    public static List<Route> routes(Generation generation, EmulatedBatches batches) {
        List<Route> routes = new ArrayList<>(batches.adminRoutes("gemini"));
        routes.add(Route.of(
                "POST",
                "/v1(?:beta)?/models/([^/:%]+)" + COLON + "batchGenerateContent",
                in -> create(generation, batches, in)));
        routes.add(Route.of("GET", "/v1(?:beta)?/batches", in -> list(generation, batches, in)));
        routes.add(Route.of("GET", "/v1(?:beta)?/batches/([^/:%]+)", in -> {
            generation.record(in, Protocol.GEMINI, null);
            Optional<EmulatedBatch> job = batches.poll(in.pathParam(1));
            if (job.isEmpty()) notFound(in);
            else send(in, 200, operation(job.get()));
        }));
        routes.add(Route.of("POST", "/v1(?:beta)?/batches/([^/:%]+)" + COLON + "cancel", in -> {
            generation.record(in, Protocol.GEMINI, null);
            Optional<EmulatedBatch> job = batches.get(in.pathParam(1));
            if (job.isEmpty()) {
                notFound(in);
                return;
            }
            job.get().cancel();
            send(in, 200, Json.obj());
        }));
        return routes;
    }

    private static void create(Generation generation, EmulatedBatches batches, Incoming in) throws IOException {
        String model = in.pathParam(1);
        generation.record(in, Protocol.GEMINI, model);
        JsonNode batch = in.json() == null ? null : in.json().get("batch");
        JsonNode input = Json.field(batch, "input_config", "inputConfig");
        JsonNode requests = input.path("requests").path("requests");
        String displayName = Json.field(batch, "display_name", "displayName").asText(null);
        if (displayName == null || displayName.isBlank()) {
            error(in, 400, "batch.display_name is required.");
            return;
        }
        if (!requests.isArray() || requests.isEmpty()) {
            error(in, 400, "batch.input_config.requests.requests: at least one inlined request is required.");
            return;
        }
        List<EmulatedBatch.Line> lines = new ArrayList<>();
        for (JsonNode r : requests) {
            JsonNode request = r.path("request");
            if (!request.isObject()) {
                error(in, 400, "Every inlined request needs a 'request' object.");
                return;
            }
            String key = r.path("metadata").path("key").asText(null);
            lines.add(new EmulatedBatch.Line(key, model, request));
        }
        EmulatedBatch job = batches.create(
                displayName, lines, line -> EmulatedBatches.answer(generation, line, new GeminiCodec(false)));
        ObjectNode op = operation(job);
        op.with("metadata").put("state", "BATCH_STATE_PENDING");
        send(in, 200, op);
    }

    private static void list(Generation generation, EmulatedBatches batches, Incoming in) throws IOException {
        generation.record(in, Protocol.GEMINI, null);
        String size = in.queryParam("pageSize");
        int pageSize = size == null ? 50 : Math.max(1, Math.min(1000, Integer.parseInt(size)));
        String token = in.queryParam("pageToken");
        int start = token == null || token.isEmpty() ? 0 : Integer.parseInt(token);
        List<EmulatedBatch> all = batches.newestFirst();
        List<EmulatedBatch> page = all.subList(Math.min(start, all.size()), Math.min(all.size(), start + pageSize));
        ObjectNode body = Json.obj(
                "operations", page.stream().map(GeminiBatchRoutes::operation).toList());
        if (start + page.size() < all.size()) body.put("nextPageToken", String.valueOf(start + page.size()));
        send(in, 200, body);
    }

    /** The batch as its long-running operation: done once terminal, the output in the metadata. */
    static ObjectNode operation(EmulatedBatch job) {
        EmulatedBatch.Counts c = job.counts();
        String name = "batches/" + job.id();
        String model = job.lines().getFirst().model();
        ObjectNode metadata = Json.obj(
                "@type",
                TYPE,
                "model",
                "models/" + model,
                "displayName",
                job.displayName(),
                "createTime",
                job.createdAt().toString(),
                "updateTime",
                (job.endedAt() == null ? job.createdAt() : job.endedAt()).toString(),
                "batchStats",
                Json.obj(
                        "requestCount",
                        String.valueOf(c.total()),
                        "successfulRequestCount",
                        String.valueOf(c.succeeded()),
                        "failedRequestCount",
                        String.valueOf(c.failed()),
                        "pendingRequestCount",
                        String.valueOf(c.running())),
                "state",
                state(job.status()),
                "name",
                name);
        ObjectNode op = Json.obj("name", name, "metadata", metadata);
        if (job.status() != EmulatedBatch.Status.RUNNING) {
            op.put("done", true);
            if (job.endedAt() != null) metadata.put("endTime", job.endedAt().toString());
            ArrayNode responses = Json.arr();
            for (EmulatedBatch.Outcome o : job.outcomes()) {
                if (!o.ran()) continue;
                JsonNode reply = Json.parseOrNull(o.reply().body());
                ObjectNode item =
                        o.answered() ? Json.obj("response", reply) : Json.obj("error", rpcStatus(reply.path("error")));
                if (o.line().key() != null)
                    item.set("metadata", Json.obj("key", o.line().key()));
                responses.add(item);
            }
            metadata.set("output", Json.obj("inlinedResponses", Json.obj("inlinedResponses", responses)));
        }
        return op;
    }

    private static String state(EmulatedBatch.Status status) {
        return switch (status) {
            case RUNNING -> "BATCH_STATE_RUNNING";
            case COMPLETED -> "BATCH_STATE_SUCCEEDED";
            case EXPIRED -> "BATCH_STATE_EXPIRED";
            case CANCELLED -> "BATCH_STATE_CANCELLED";
        };
    }

    /**
     * A line's error as the batch output carries it: a {@code google.rpc.Status} with the numeric gRPC code (3, not
     * 400) and no status name, unlike the HTTP error body it is made from.
     */
    private static ObjectNode rpcStatus(JsonNode httpError) {
        io.grpc.Status.Code code =
                io.grpc.Status.Code.valueOf(httpError.path("status").asText("UNKNOWN"));
        ObjectNode status = Json.obj(
                "code", code.value(), "message", httpError.path("message").asText(""));
        if (httpError.has("details")) status.set("details", httpError.get("details"));
        return status;
    }

    private static void notFound(Incoming in) throws IOException {
        error(in, 404, "Batch " + in.pathParam(1) + " not found.");
    }

    private static void error(Incoming in, int status, String message) throws IOException {
        ResponseWriter.send(in.exchange(), new GeminiCodec(false).error(Failure.of(status, message)));
    }

    private static void send(Incoming in, int status, JsonNode body) throws IOException {
        ResponseWriter.send(in.exchange(), HttpReply.json(status, GeminiCodec.JSON, body));
    }
}
