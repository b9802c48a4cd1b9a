package dev.switchboard.gcp.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.switchboard.core.json.Json;
import io.quarkus.arc.Arc;
import io.quarkus.gcp.functions.http.QuarkusHttpFunction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The Cloud Functions (2nd gen) entry point of the batch function. Eventarc delivers GCS
 * {@code object.v1.finalized} events and the continuation topic's {@code messagePublished} events over HTTP as
 * CloudEvents (binary mode: {@code ce-*} headers, the JSON data as body; structured mode is read too); a Pub/Sub push
 * subscription's envelope is read as a continuation too. A 2xx answer
 * acknowledges the event (the job finished, was handed on, or the event is not ours); a 5xx makes Eventarc deliver it
 * again, which is safe: the job id is derived from bucket, name and generation, and no line with a stored result is
 * called twice. {@code GET /health/live} answers 200 once Quarkus has booted.
 */
public class BatchFunction implements HttpFunction {
    private static final Logger LOG = Logger.getLogger(BatchFunction.class);
    /** Event bodies are small (object metadata, a continuation); anything larger is not an event of ours. */
    static final int MAX_EVENT_BYTES = 1 << 20;

    // constructing it boots Quarkus (config, Gateway, clients) once per instance
    private final QuarkusHttpFunction quarkus = new QuarkusHttpFunction();

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
        long started = System.nanoTime();
        if (Arc.container() == null) {
            // Quarkus did not boot (bad config): the bridge throws with the bootstrap error, which the invoker logs
            quarkus.service(request, response);
            return;
        }
        if ("GET".equalsIgnoreCase(request.getMethod())) {
            answer(response, "/health/live".equals(request.getPath()) ? 200 : 404, "{\"status\":\"UP\"}");
            return;
        }
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            answer(response, 405, error("only POST CloudEvents are accepted"));
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_EVENT_BYTES + 1);
        if (body.length > MAX_EVENT_BYTES) {
            answer(response, 413, error("event body exceeds " + MAX_EVENT_BYTES + " bytes"));
            return;
        }
        Optional<Event> event = Event.of(request, body);
        if (event.isEmpty()) {
            answer(response, 400, error("not a CloudEvent: no ce-type/ce-id headers and no structured-mode body"));
            return;
        }
        Event e = event.get();
        GcpBatchEvents.Outcome outcome;
        try {
            outcome = Arc.container().instance(GcpBatchEvents.class).get().handle(e.type(), e.data(), started);
        } catch (RuntimeException failure) {
            // storage or publish failed: Eventarc delivers the event again; the job resumes from its checkpoints
            LOG.errorf(
                    "batch: event %s (%s, %s) failed, to be redelivered: %s",
                    e.id(), e.type(), e.subject(), failure.toString());
            answer(response, 500, error("event not processed; it will be redelivered"));
            return;
        }
        LOG.infof("batch: event %s (%s, %s): %s", e.id(), e.type(), e.subject(), outcome);
        answer(response, 200, "{\"outcome\":\"" + outcome.name().toLowerCase(java.util.Locale.ROOT) + "\"}");
    }

    /** One CloudEvent's attributes this function uses, and its data. */
    record Event(String id, String type, String subject, byte[] data) {
        static Optional<Event> of(HttpRequest request, byte[] body) {
            Optional<String> type = request.getFirstHeader("ce-type");
            Optional<String> id = request.getFirstHeader("ce-id");
            if (type.isPresent() && id.isPresent()) {
                return Optional.of(new Event(
                        id.get(),
                        type.get(),
                        request.getFirstHeader("ce-subject").orElse(""),
                        body));
            }
            JsonNode json = Json.tryParse(body);
            if (json != null
                    && json.path("message").path("data").isTextual()
                    && json.path("subscription").isTextual()) {
                // a Pub/Sub push subscription's envelope (terraform/gcp pushes continuations this way): the same
                // body Eventarc sends as a messagePublished event's data
                return Optional.of(new Event(
                        json.path("message").path("messageId").asText(""),
                        GcpBatchEvents.PUBLISHED,
                        json.path("subscription").asText(),
                        body));
            }
            if (request.getContentType()
                    .filter(t -> t.startsWith("application/cloudevents+json"))
                    .isEmpty()) {
                return Optional.empty();
            }
            if (json == null
                    || !json.path("type").isTextual()
                    || !json.path("id").isTextual()) return Optional.empty();
            JsonNode data = json.path("data");
            byte[] bytes = data.isMissingNode() ? new byte[0] : data.toString().getBytes(StandardCharsets.UTF_8);
            return Optional.of(new Event(
                    json.path("id").asText(),
                    json.path("type").asText(),
                    json.path("subject").asText(""),
                    bytes));
        }
    }

    private static String error(String message) {
        return Json.object().put("error", message).toString();
    }

    private static void answer(HttpResponse response, int status, String json) throws IOException {
        response.setStatusCode(status);
        response.setContentType("application/json");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
