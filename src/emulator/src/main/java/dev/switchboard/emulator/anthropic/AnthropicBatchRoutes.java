package dev.switchboard.emulator.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Message Batches API: create, retrieve, list (newest first, {@code after_id} paging), cancel and the JSONL
 * results of an ended batch. Lines are answered like {@code POST /v1/messages} answers them; see {@link
 * EmulatedBatches} for the admin controls ({@code /_emulator/anthropic/batches/...}).
 */
public final class AnthropicBatchRoutes {

    private static final Pattern CUSTOM_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final String BATCHES = "/v1/messages/batches";
    private static final int MAX_REQUESTS = 100_000;

    private AnthropicBatchRoutes() {}

    public static List<Route> routes(Generation generation, EmulatedBatches batches) {
        List<Route> routes = new ArrayList<>(batches.adminRoutes("anthropic"));
        routes.add(Route.of("POST", BATCHES, in -> create(generation, batches, in)));
        routes.add(Route.of("GET", BATCHES, in -> list(generation, batches, in)));
        routes.add(Route.of("GET", BATCHES + "/([^/]+)", in -> {
            generation.record(in, Protocol.ANTHROPIC, null);
            withJob(in, batches, true, job -> send(in, 200, batch(job, base(in))));
        }));
        routes.add(Route.of("POST", BATCHES + "/([^/]+)/cancel", in -> {
            generation.record(in, Protocol.ANTHROPIC, null);
            withJob(in, batches, false, job -> {
                job.cancel();
                send(in, 200, batch(job, base(in)));
            });
        }));
        routes.add(Route.of("GET", BATCHES + "/([^/]+)/results", in -> {
            generation.record(in, Protocol.ANTHROPIC, null);
            withJob(in, batches, false, job -> results(in, job));
        }));
        return routes;
    }

    private static void create(Generation generation, EmulatedBatches batches, Incoming in) throws IOException {
        JsonNode requests = in.json() == null ? null : in.json().get("requests");
        String model = requests == null
                ? null
                : requests.path(0).path("params").path("model").asText(null);
        generation.record(in, Protocol.ANTHROPIC, model);
        if (requests == null || !requests.isArray() || requests.isEmpty() || requests.size() > MAX_REQUESTS) {
            error(in, 400, "requests: expected 1 to " + MAX_REQUESTS + " requests");
            return;
        }
        List<EmulatedBatch.Line> lines = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            JsonNode r = requests.get(i);
            String customId = r.path("custom_id").asText("");
            JsonNode params = r.path("params");
            if (!CUSTOM_ID.matcher(customId).matches() || !ids.add(customId)) {
                error(in, 400, "requests." + i + ".custom_id: must be unique and match ^[a-zA-Z0-9_-]{1,64}$");
                return;
            }
            if (!params.isObject() || !params.path("messages").isArray() || !params.has("max_tokens")) {
                error(in, 400, "requests." + i + ".params: model, max_tokens and messages are required");
                return;
            }
            lines.add(new EmulatedBatch.Line(customId, params.path("model").asText(null), params));
        }
        EmulatedBatch job =
                batches.create(null, lines, line -> EmulatedBatches.answer(generation, line, new AnthropicCodec()));
        if (batches.takeLostAnswer()) {
            error(in, 500, "Internal server error");
            return;
        }
        send(in, 200, batch(job, base(in)));
    }

    private static void list(Generation generation, EmulatedBatches batches, Incoming in) throws IOException {
        generation.record(in, Protocol.ANTHROPIC, null);
        String limitParam = in.queryParam("limit");
        int limit = limitParam == null ? 20 : Math.max(1, Math.min(1000, Integer.parseInt(limitParam)));
        String after = in.queryParam("after_id");
        List<EmulatedBatch> all = batches.newestFirst();
        int start = 0;
        if (after != null) {
            start = all.size();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(after)) start = i + 1;
            }
        }
        List<EmulatedBatch> page = all.subList(start, Math.min(all.size(), start + limit));
        send(
                in,
                200,
                Json.obj(
                        "data",
                        page.stream().map(job -> batch(job, base(in))).toList(),
                        "has_more",
                        start + page.size() < all.size(),
                        "first_id",
                        page.isEmpty() ? null : page.getFirst().id(),
                        "last_id",
                        page.isEmpty() ? null : page.getLast().id()));
    }

    private static void results(Incoming in, EmulatedBatch job) throws IOException {
        if (job.status() == EmulatedBatch.Status.RUNNING) {
            error(in, 400, "Batch " + job.id() + " has not finished processing; results are not available yet.");
            return;
        }
        String notRun = job.status() == EmulatedBatch.Status.CANCELLED ? "canceled" : "expired";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // results come in no particular order; the newest line first makes callers that rely on order fail
        List<EmulatedBatch.Outcome> outcomes = new ArrayList<>(job.outcomes());
        java.util.Collections.reverse(outcomes);
        for (EmulatedBatch.Outcome o : outcomes) {
            ObjectNode result;
            if (!o.ran()) {
                result = Json.obj("type", notRun);
            } else if (o.answered()) {
                result = Json.obj(
                        "type",
                        "succeeded",
                        "message",
                        Json.parseOrNull(o.reply().body()));
            } else {
                result = Json.obj(
                        "type", "errored", "error", Json.parseOrNull(o.reply().body()));
            }
            out.writeBytes(Json.bytes(Json.obj("custom_id", o.line().key(), "result", result)));
            out.write('\n');
        }
        ResponseWriter.send(
                in.exchange(), new HttpReply(200, "application/x-jsonl", java.util.Map.of(), out.toByteArray()));
    }

    /** This server as the caller reached it, for the absolute results_url Anthropic sends. */
    private static String base(Incoming in) {
        String host = in.header("Host");
        return host == null ? "" : "http://" + host;
    }

    static ObjectNode batch(EmulatedBatch job, String base) {
        EmulatedBatch.Counts c = job.counts();
        EmulatedBatch.Status status = job.status();
        String processing = status == EmulatedBatch.Status.RUNNING ? "in_progress" : "ended";
        return Json.obj(
                "id",
                job.id(),
                "type",
                "message_batch",
                "processing_status",
                processing,
                "request_counts",
                Json.obj(
                        "processing",
                        c.running(),
                        "succeeded",
                        c.succeeded(),
                        "errored",
                        c.failed(),
                        "canceled",
                        status == EmulatedBatch.Status.CANCELLED ? c.notRun() : 0,
                        "expired",
                        status == EmulatedBatch.Status.CANCELLED ? 0 : c.notRun()),
                "ended_at",
                job.endedAt() == null ? null : job.endedAt().toString(),
                "created_at",
                job.createdAt().toString(),
                "expires_at",
                job.createdAt().plus(Duration.ofHours(24)).toString(),
                "archived_at",
                null,
                "cancel_initiated_at",
                job.cancelledAt() == null ? null : job.cancelledAt().toString(),
                "results_url",
                status == EmulatedBatch.Status.RUNNING ? null : base + BATCHES + "/" + job.id() + "/results");
    }

    private interface JobAction {
        void run(EmulatedBatch job) throws IOException;
    }

    private static void withJob(Incoming in, EmulatedBatches batches, boolean poll, JobAction action)
            throws IOException {
        String id = in.pathParam(1);
        var job = poll ? batches.poll(id) : batches.get(id);
        if (job.isEmpty()) {
            AnthropicCodec codec = new AnthropicCodec();
            send(
                    in,
                    404,
                    Json.parseOrNull(codec.error(Failure.of(404, "message batch " + id + " not found"))
                            .body()));
            return;
        }
        action.run(job.get());
    }

    private static void error(Incoming in, int status, String message) throws IOException {
        ResponseWriter.send(in.exchange(), new AnthropicCodec().error(Failure.of(status, message)));
    }

    private static void send(Incoming in, int status, JsonNode body) throws IOException {
        ResponseWriter.send(in.exchange(), HttpReply.json(status, body));
    }
}
