package dev.switchboard.emulator.bedrock;

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
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The batch inference operations of the Bedrock control plane (REST-JSON, as the SDK's {@code bedrock} client sends
 * them): CreateModelInvocationJob {@code POST /model-invocation-job}, GetModelInvocationJob
 * {@code GET /model-invocation-job/{id}}, ListModelInvocationJobs {@code GET /model-invocation-jobs} and
 * StopModelInvocationJob {@code POST /model-invocation-job/{id}/stop}. Requests are validated against the service's
 * patterns for names, tokens and S3 URIs, so a client that would be refused by AWS is refused here too.
 */
final class BedrockBatchRoutes {

    private static final Pattern JOB_NAME = Pattern.compile("[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\\-.]){0,63}");
    private static final Pattern TOKEN = Pattern.compile("[a-zA-Z0-9]{1,256}(-*[a-zA-Z0-9]){0,256}");
    private static final Pattern ROLE = Pattern.compile("arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+");
    private static final Pattern S3_URI =
            Pattern.compile("s3://[a-z0-9][-.a-z0-9]{1,61}(?:/[-!_*'().a-z0-9A-Z]+(?:/[-!_*'().a-z0-9A-Z]+)*)?/?");
    private static final Pattern TAG_VALUE = Pattern.compile("[a-zA-Z0-9\\s._:/=+@-]{0,256}");
    private static final int PAGE = 100;

    private final Generation generation;
    private final BedrockBatchJobs jobs;

    BedrockBatchRoutes(Generation generation, BedrockBatchJobs jobs) {
        this.generation = generation;
        this.jobs = jobs;
    }

    List<Route> routes() {
        return List.of(
                Route.of("POST", "/model-invocation-job", this::create),
                Route.of("GET", "/model-invocation-job/([^/]+)", this::get),
                Route.of("POST", "/model-invocation-job/([^/]+)/stop", this::stop),
                Route.of("GET", "/model-invocation-jobs", this::list));
    }

    /** The emulator model a batch job's model id names: {@code anthropic.emulator-1}, a profile or an ARN. */
    static String emulatorModel(String modelId) {
        String id = modelId.startsWith("arn:") ? modelId.substring(modelId.lastIndexOf('/') + 1) : modelId;
        int at = id.indexOf("emulator");
        return at < 0 ? id : id.substring(at);
    }

    private void create(Incoming in) throws IOException {
        generation.record(in, Protocol.BEDROCK, null);
        JsonNode body = in.json();
        if (body == null || !body.isObject()) {
            fail(in, 400, "The request body is not a JSON object.");
            return;
        }
        Optional<String> invalid = invalid((ObjectNode) body);
        if (invalid.isPresent()) {
            fail(in, 400, invalid.get());
            return;
        }
        String token = body.hasNonNull("clientRequestToken")
                ? body.get("clientRequestToken").asText()
                : null;
        BedrockBatchJobs.Job job = jobs.create((ObjectNode) body, BedrockControlPlane.region(in), token);
        if (jobs.takeLostAnswer()) {
            fail(in, 500, "The emulator created the job and lost the answer.");
            return;
        }
        ResponseWriter.send(in.exchange(), HttpReply.json(200, Json.obj("jobArn", job.arn)));
    }

    private Optional<String> invalid(ObjectNode body) {
        String name = body.path("jobName").asText("");
        if (!JOB_NAME.matcher(name).matches() || name.length() > 63) {
            return Optional.of("1 validation error detected: Value '" + name
                    + "' at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern");
        }
        if (body.has("clientRequestToken")
                && !TOKEN.matcher(body.path("clientRequestToken").asText()).matches()) {
            return Optional.of("1 validation error detected: Value at 'clientRequestToken' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern");
        }
        if (!ROLE.matcher(body.path("roleArn").asText("")).matches()) {
            return Optional.of("1 validation error detected: Value at 'roleArn' failed to satisfy constraint");
        }
        for (String uri : List.of(
                body.path("inputDataConfig")
                        .path("s3InputDataConfig")
                        .path("s3Uri")
                        .asText(""),
                body.path("outputDataConfig")
                        .path("s3OutputDataConfig")
                        .path("s3Uri")
                        .asText(""))) {
            if (!S3_URI.matcher(uri).matches()) {
                return Optional.of(
                        "1 validation error detected: Value '" + uri + "' failed to satisfy the S3 URI " + "pattern");
            }
        }
        for (JsonNode tag : body.path("tags")) {
            if (!TAG_VALUE.matcher(tag.path("value").asText("")).matches()) {
                return Optional.of("1 validation error detected: a tag value failed to satisfy constraint");
            }
        }
        String model = body.path("modelId").asText("");
        String vendor = model.contains("anthropic.") ? "anthropic" : "";
        if (!vendor.equals("anthropic")
                || generation.behavior().resolve(emulatorModel(model)).isEmpty()) {
            return Optional.of(
                    "The emulator runs batch jobs for anthropic.emulator* models only, not '" + model + "'.");
        }
        return Optional.empty();
    }

    private void get(Incoming in) throws IOException {
        generation.record(in, Protocol.BEDROCK, null);
        Optional<ObjectNode> job = jobs.get(in.pathParam(1));
        if (job.isEmpty()) {
            fail(in, 404, "The specified batch inference job " + in.pathParam(1) + " was not found.");
            return;
        }
        ResponseWriter.send(in.exchange(), HttpReply.json(200, job.get()));
    }

    private void stop(Incoming in) throws IOException {
        generation.record(in, Protocol.BEDROCK, null);
        Optional<BedrockBatchJobs.Job> job = jobs.job(in.pathParam(1));
        if (job.isEmpty()) {
            fail(in, 404, "The specified batch inference job " + in.pathParam(1) + " was not found.");
            return;
        }
        if (!jobs.stop(job.get())) {
            fail(in, 400, "The batch inference job has ended and cannot be stopped.");
            return;
        }
        ResponseWriter.send(in.exchange(), HttpReply.json(200, Json.obj()));
    }

    private void list(Incoming in) throws IOException {
        generation.record(in, Protocol.BEDROCK, null);
        boolean ascending =
                "ascending".equals(String.valueOf(in.queryParam("sortOrder")).toLowerCase(Locale.ROOT));
        List<ObjectNode> all = jobs.list(in.queryParam("nameContains"), in.queryParam("statusEquals"), ascending);
        int from = in.queryParam("nextToken") == null ? 0 : Integer.parseInt(in.queryParam("nextToken"));
        int size = in.queryParam("maxResults") == null ? PAGE : Integer.parseInt(in.queryParam("maxResults"));
        int to = Math.min(all.size(), from + size);
        ObjectNode page = Json.obj("invocationJobSummaries", all.subList(Math.min(from, to), to));
        if (to < all.size()) page.put("nextToken", String.valueOf(to));
        ResponseWriter.send(in.exchange(), HttpReply.json(200, page));
    }

    private static void fail(Incoming in, int status, String message) throws IOException {
        ResponseWriter.send(in.exchange(), new BedrockCodec().error(Failure.of(status, message)));
    }
}
