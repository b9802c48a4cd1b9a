package dev.switchboard.api.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.batch.BatchEngine;
import dev.switchboard.batch.format.BatchEndpoint;
import dev.switchboard.batch.job.BatchObject;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.json.Json;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's Batches API on the gateway: the lines of an uploaded file run in the background through the same routes
 * as live calls; poll the batch, then read its output and error files through the Files API.
 */
@Path("/v1/batches")
@IfBuildProperty(name = "switchboard.batch.api.enabled", stringValue = "true")
public class BatchesResource {
    private static final int MAX_METADATA = 16;

    @Inject
    BatchJobs jobs;

    @Inject
    BatchFiles files;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RunOnVirtualThread
    public Response create(byte[] body) {
        JsonNode req = Json.tryParse(body);
        if (req == null || !req.isObject()) throw new InvalidRequest("The request body must be a JSON object.");
        String inputFileId = requiredText(req, "input_file_id");
        String url = requiredText(req, "endpoint");
        BatchEndpoint endpoint = BatchEndpoint.ofUrl(url)
                .orElseThrow(() -> InvalidRequest.forParam(
                        "endpoint",
                        "Invalid 'endpoint': '" + url + "'. Supported: /v1/chat/completions, /v1/messages."));
        String window = requiredText(req, "completion_window");
        if (!window.matches("[1-9][0-9]{0,3}h")) {
            throw InvalidRequest.forParam(
                    "completion_window", "Invalid 'completion_window': use a number of hours, like \"24h\".");
        }
        Map<String, String> metadata = metadata(req.get("metadata"));
        if (!BatchEngine.validMode(metadata.get(BatchEngine.MODE_KEY))) {
            throw InvalidRequest.forParam(
                    "metadata.mode", "Invalid 'metadata.mode': use sync, native or auto (the default).");
        }
        BatchFiles.StoredFile input = files.find(inputFileId)
                .orElseThrow(() -> InvalidRequest.forParam("input_file_id", "No such File object: " + inputFileId));
        if (!input.purpose().equals("batch")) {
            throw InvalidRequest.forParam(
                    "input_file_id", "The file " + inputFileId + " was not uploaded with purpose=batch.");
        }
        return ok(jobs.create(inputFileId, endpoint, window, metadata).toJson());
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return jobs.get(id).map(b -> ok(b.toJson())).orElseGet(() -> notFound(id));
    }

    @POST
    @Path("/{id}/cancel")
    public Response cancel(@PathParam("id") String id) {
        var current = jobs.get(id);
        if (current.isEmpty()) return notFound(id);
        if (current.get().status().terminal()) {
            return BatchApiErrors.conflict("Cannot cancel a batch with status '"
                    + current.get().status().wire() + "'.");
        }
        return ok(jobs.cancel(id).orElseThrow().toJson());
    }

    /** OpenAI's cursor pagination: newest first, {@code after} = the last id of the previous page. */
    @GET
    public Response list(@QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        int n = limit == null ? 20 : limit;
        if (n < 1 || n > 100) throw InvalidRequest.forParam("limit", "Invalid 'limit': must be between 1 and 100.");
        List<BatchObject> all = jobs.all();
        int from = 0;
        if (after != null && !after.isBlank()) {
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(after)) {
                    from = i + 1;
                    break;
                }
            }
            if (from < 0) throw InvalidRequest.forParam("after", "No such batch: " + after);
        }
        List<BatchObject> page = all.subList(Math.min(from, all.size()), Math.min(all.size(), from + n));
        ObjectNode out = Json.object();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        page.forEach(b -> data.add(b.toJson()));
        if (page.isEmpty()) {
            out.putNull("first_id");
            out.putNull("last_id");
        } else {
            out.put("first_id", page.get(0).id());
            out.put("last_id", page.get(page.size() - 1).id());
        }
        out.put("has_more", from + page.size() < all.size());
        return ok(out);
    }

    private static Map<String, String> metadata(JsonNode m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m == null || m.isNull()) return out;
        if (!m.isObject())
            throw InvalidRequest.forParam("metadata", "Invalid 'metadata': must be an object of strings.");
        if (m.size() > MAX_METADATA) {
            throw InvalidRequest.forParam("metadata", "Invalid 'metadata': at most " + MAX_METADATA + " pairs.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()
                    || e.getKey().length() > 64
                    || e.getValue().asText().length() > 512) {
                throw InvalidRequest.forParam(
                        "metadata." + e.getKey(),
                        "Invalid 'metadata': keys up to 64 and values up to 512 characters, strings only.");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static String requiredText(JsonNode req, String field) {
        JsonNode v = req.get(field);
        if (v == null || v.isNull())
            throw InvalidRequest.forParam(field, "Missing required parameter: '" + field + "'.");
        if (!v.isTextual()) throw InvalidRequest.forParam(field, "Invalid '" + field + "': expected a string.");
        return v.asText();
    }

    private static Response ok(JsonNode json) {
        return Response.ok(Json.bytes(json), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response notFound(String id) {
        return BatchApiErrors.notFound("No such Batch object: " + id);
    }
}
