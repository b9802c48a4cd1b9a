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
                Route.of("GET", "/model-invocation-jobs", this::list),
                Route.of("POST", "/_emulator/bedrock/batch-jobs/([^/]+)/finish", this::finish),
                Route.of("POST", "/_emulator/bedrock/batch-jobs/([^/]+)/expire", this::expire),
                Route.of("GET", "/_emulator/bedrock/batch-jobs/count", this::count),
                Route.of("POST", "/_emulator/bedrock/batch-jobs/settings", this::settings));
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
        String type = body.path("modelInvocationType").asText("InvokeModel");
        if (!type.equals("InvokeModel") && !type.equals("Converse")) {
            return Optional.of("1 validation error detected: Value '" + type + "' at 'modelInvocationType' failed "
                    + "to satisfy constraint: Member must satisfy enum value set: [InvokeModel, Converse]");
        }
        // InvokeModel bodies are the vendor's own: the emulator reads Anthropic's; Converse reads any model's
        boolean known = type.equals("Converse") || model.contains("anthropic.");
        if (!known || generation.behavior().resolve(emulatorModel(model)).isEmpty()) {
            return Optional.of("The emulator runs batch jobs for anthropic.emulator* models, and for any "
                    + "<vendor>.emulator* model in Converse jobs; not '" + model + "' (" + type + ").");
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

    // ---- admin controls (the Java API is BedrockBatchJobs) ----

    private void finish(Incoming in) throws IOException {
        if (jobs.job(in.pathParam(1)).isEmpty()) {
            fail(in, 404, "No batch inference job " + in.pathParam(1) + ".");
            return;
        }
        jobs.finish(in.pathParam(1));
        ResponseWriter.send(
                in.exchange(),
                HttpReply.json(200, jobs.get(in.pathParam(1), false).orElseThrow()));
    }

    /** {@code ?after=N}: PartiallyCompleted with the first N lines answered; without it Expired, nothing answered. */
    private void expire(Incoming in) throws IOException {
        if (jobs.job(in.pathParam(1)).isEmpty()) {
            fail(in, 404, "No batch inference job " + in.pathParam(1) + ".");
            return;
        }
        Integer after = number(in, "after");
        if (after == null && in.queryParam("after") != null) return;
        if (after == null) jobs.expire(in.pathParam(1));
        else jobs.expireAfter(in.pathParam(1), after);
        ResponseWriter.send(
                in.exchange(),
                HttpReply.json(200, jobs.get(in.pathParam(1), false).orElseThrow()));
    }

    private void count(Incoming in) throws IOException {
        ResponseWriter.send(in.exchange(), HttpReply.json(200, Json.obj("count", jobs.jobCount())));
    }

    /** {@code ?finish-after-gets=N&min-records=N}. */
    private void settings(Incoming in) throws IOException {
        Integer gets = number(in, "finish-after-gets");
        if (gets == null && in.queryParam("finish-after-gets") != null) return;
        Integer min = number(in, "min-records");
        if (min == null && in.queryParam("min-records") != null) return;
        if (gets != null) jobs.completeAfterGets(gets);
        if (min != null) jobs.minRecords(min);
        ResponseWriter.send(in.exchange(), HttpReply.json(200, Json.obj()));
    }

    /** A non-negative number parameter; null when absent, or (after answering 400) when malformed. */
    private static Integer number(Incoming in, String name) throws IOException {
        String raw = in.queryParam(name);
        if (raw == null) return null;
        if (!raw.matches("\\d{1,9}")) {
            fail(in, 400, "'" + name + "' must be a non-negative number, not '" + raw + "'.");
            return null;
        }
        return Integer.parseInt(raw);
    }

    private static void fail(Incoming in, int status, String message) throws IOException {
        ResponseWriter.send(in.exchange(), new BedrockCodec().error(Failure.of(status, message)));
    }
}
