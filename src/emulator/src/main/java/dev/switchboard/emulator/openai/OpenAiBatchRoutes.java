package dev.switchboard.emulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.behavior.Failure;
import dev.switchboard.emulator.behavior.Json;
import dev.switchboard.emulator.behavior.Protocol;
import dev.switchboard.emulator.http.Generation;
import dev.switchboard.emulator.http.HttpReply;
import dev.switchboard.emulator.http.Incoming;
import dev.switchboard.emulator.http.ResponseWriter;
import dev.switchboard.emulator.http.Route;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAI files and batches APIs ({@code /v1/files}, {@code /v1/batches}) and Azure's ({@code /openai/files},
 * {@code /openai/batches} with {@code api-version}; {@code /openai/v1/...} without), plus test controls under
 * {@code /_emulator/openai/batches}:
 *
 * <ul>
 *   <li>{@code POST /_emulator/openai/batches/{id}/finish}: every line gets its result;</li>
 *   <li>{@code POST /_emulator/openai/batches/{id}/expire?after=N}: the first N lines answered, the rest
 *       expired;</li>
 *   <li>{@code GET /_emulator/openai/batches/count}: {@code {"count": n}};</li>
 *   <li>{@code POST /_emulator/openai/batches/settings?finish-after-gets=N}: a batch completes on its N-th
 *       retrieval (default {@value OpenAiBatches#DEFAULT_FINISH_AFTER_GETS}; 0 = only when a test finishes it).</li>
 * </ul>
 */
final class OpenAiBatchRoutes {

    /** OpenAI's {@code /v1}, Azure's api-versioned {@code /openai}, Azure's {@code /openai/v1}. */
    private static final String PREFIX = "(/v1|/openai|/openai/v1)";

    private static final int MAX_PAGE = 100;

    private OpenAiBatchRoutes() {}

    static List<Route> routes(Generation generation) {
        OpenAiBatches state = new OpenAiBatches(generation);
        List<Route> routes = new ArrayList<>(List.of(
                api(generation, "POST", "/files", in -> upload(state, in)),
                api(
                        generation,
                        "GET",
                        "/files",
                        in -> send(
                                in,
                                200,
                                Json.obj(
                                        "object",
                                        "list",
                                        "data",
                                        state.files().stream()
                                                .map(OpenAiBatches.StoredFile::json)
                                                .toList(),
                                        "has_more",
                                        false))),
                api(generation, "GET", "/files/([^/]+)", in -> file(state, in).ifPresent(f -> send(in, 200, f.json()))),
                api(generation, "DELETE", "/files/([^/]+)", in -> {
                    if (state.deleteFile(in.pathParam(2))) {
                        send(in, 200, Json.obj("id", in.pathParam(2), "object", "file", "deleted", true));
                    } else {
                        error(in, 404, "No such File object: " + in.pathParam(2));
                    }
                }),
                api(
                        generation,
                        "GET",
                        "/files/([^/]+)/content",
                        in -> file(state, in).ifPresent(f -> {
                            try {
                                ResponseWriter.send(
                                        in.exchange(),
                                        new HttpReply(200, "application/octet-stream", Map.of(), f.content()));
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        })),
                api(generation, "POST", "/batches", in -> create(state, in)),
                api(generation, "GET", "/batches", in -> list(state, in)),
                api(generation, "GET", "/batches/([^/]+)", in -> found(in, state.retrieve(in.pathParam(2)))),
                api(generation, "POST", "/batches/([^/]+)/cancel", in -> {
                    try {
                        found(in, state.cancel(in.pathParam(2)));
                    } catch (IllegalStateException e) {
                        error(in, 409, e.getMessage());
                    }
                })));
        routes.addAll(admin(state));
        return routes;
    }

    private static List<Route> admin(OpenAiBatches state) {
        String base = "/_emulator/openai/batches";
        return List.of(
                Route.of("POST", base + "/([^/]+)/finish", in -> done(in, state.finish(in.pathParam(1)))),
                Route.of("POST", base + "/([^/]+)/expire", in -> {
                    Integer after = number(in, "after");
                    if (after != null) done(in, state.expireAfter(in.pathParam(1), after));
                }),
                Route.of("GET", base + "/count", in -> send(in, 200, Json.obj("count", state.count()))),
                Route.of("POST", base + "/settings", in -> {
                    Integer gets = number(in, "finish-after-gets");
                    if (gets == null) return;
                    state.finishAfterGets(gets);
                    send(in, 200, Json.obj("finish_after_gets", gets));
                }));
    }

    /** A required whole-number query parameter, or null after answering 400. */
    private static Integer number(Incoming in, String name) throws IOException {
        try {
            return Integer.parseInt(in.queryParam(name));
        } catch (NumberFormatException e) {
            error(in, 400, "query parameter '" + name + "' must be a whole number");
            return null;
        }
    }

    /** A files/batches route on all three surfaces; Azure's {@code /openai} one insists on an api-version. */
    private static Route api(Generation generation, String method, String path, Route.Handler handler) {
        return Route.of(method, PREFIX + path, in -> {
            generation.record(in, azure(in) ? Protocol.AZURE_OPENAI : Protocol.OPENAI, null);
            if (in.match().group(1).equals("/openai") && in.queryParam("api-version") == null) {
                error(in, 400, "Missing required query parameter: api-version");
                return;
            }
            handler.handle(in);
        });
    }

    /** Whether the call came in on an Azure surface (admin routes answer in OpenAI's shape). */
    private static boolean azure(Incoming in) {
        return in.match().pattern().pattern().startsWith(PREFIX)
                && !in.match().group(1).equals("/v1");
    }

    private static void upload(OpenAiBatches state, Incoming in) throws IOException {
        FormData form;
        try {
            form = FormData.parse(in.body(), in.header("Content-Type"));
        } catch (IllegalArgumentException e) {
            error(in, 400, e.getMessage());
            return;
        }
        FormData.Part file = form.parts().get("file");
        FormData.Part purpose = form.parts().get("purpose");
        if (file == null || purpose == null) {
            error(in, 400, "A file upload needs the fields 'file' and 'purpose'.");
            return;
        }
        if (file.content().length > OpenAiBatches.MAX_FILE_BYTES
                && purpose.text().equals("batch")) {
            error(in, 400, "A batch input file is at most 200 MB.");
            return;
        }
        String name = file.filename() == null ? "upload" : file.filename();
        send(in, 200, state.addFile(name, purpose.text(), file.content()).json());
    }

    private static Optional<OpenAiBatches.StoredFile> file(OpenAiBatches state, Incoming in) throws IOException {
        Optional<OpenAiBatches.StoredFile> f = state.file(in.pathParam(2));
        if (f.isEmpty()) error(in, 404, "No such File object: " + in.pathParam(2));
        return f;
    }

    private static void create(OpenAiBatches state, Incoming in) throws IOException {
        JsonNode body = in.json();
        if (body == null || !body.isObject()) {
            error(in, 400, "The request body is not a JSON object.");
            return;
        }
        String endpoint = body.path("endpoint").asText("");
        boolean azure = azure(in);
        if (!BatchInput.normalize(endpoint).equals("/chat/completions")
                || (!azure && !endpoint.equals("/v1/chat/completions"))) {
            error(in, 400, "The emulator runs batches for the chat completions endpoint only, not '" + endpoint + "'.");
            return;
        }
        if (!body.path("completion_window").asText("").equals("24h")) {
            error(in, 400, "completion_window must be '24h'.");
            return;
        }
        JsonNode metadata = body.get("metadata");
        if (metadata != null && !metadata.isNull() && (!metadata.isObject() || metadata.size() > 16)) {
            error(in, 400, "metadata is an object of at most 16 keys.");
            return;
        }
        Optional<OpenAiBatches.StoredFile> input =
                state.file(body.path("input_file_id").asText(""));
        if (input.isEmpty() || !input.get().purpose().equals("batch")) {
            error(in, 400, "input_file_id does not name an uploaded file with purpose 'batch'.");
            return;
        }
        send(in, 200, state.create(azure, endpoint, input.get(), metadata));
    }

    private static void list(OpenAiBatches state, Incoming in) throws IOException {
        int limit = 20;
        String l = in.queryParam("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PAGE) {
                error(in, 400, "limit must be between 1 and " + MAX_PAGE + ".");
                return;
            }
        }
        send(in, 200, state.list(in.queryParam("after"), limit));
    }

    private static void found(Incoming in, Optional<? extends JsonNode> batch) throws IOException {
        if (batch.isPresent()) send(in, 200, batch.get());
        else error(in, 404, "No batch found with id '" + in.pathParam(2) + "'.");
    }

    private static void done(Incoming in, boolean found) throws IOException {
        if (found) send(in, 200, Json.obj("ok", true));
        else error(in, 404, "No batch found with id '" + in.pathParam(1) + "'.");
    }

    private static void error(Incoming in, int status, String message) throws IOException {
        ResponseWriter.send(in.exchange(), new OpenAiCodec(azure(in), false).error(Failure.of(status, message)));
    }

    private static void send(Incoming in, int status, JsonNode body) {
        try {
            ResponseWriter.send(in.exchange(), HttpReply.json(status, body));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
