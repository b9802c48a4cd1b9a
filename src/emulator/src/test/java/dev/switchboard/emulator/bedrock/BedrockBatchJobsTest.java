package dev.switchboard.emulator.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import dev.switchboard.emulator.TestHttp;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bedrock batch control plane over raw HTTP, as the SDK's REST-JSON client calls it. */
class BedrockBatchJobsTest {
    private Emulator emulator;
    private TestHttp http;
    private BatchStorage storage;

    @BeforeEach
    void start() {
        emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc());
        http = new TestHttp(emulator.httpBaseUri());
        storage = BatchStorage.inMemory();
        emulator.bedrockBatch().useStorage(storage);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static String create(String name, String token) {
        return """
                {"jobName":"%s",%s"roleArn":"arn:aws:iam::123456789012:role/batch",
                 "modelId":"us.anthropic.emulator-1",
                 "inputDataConfig":{"s3InputDataConfig":{"s3Uri":"s3://b-1/in/input.jsonl","s3InputFormat":"JSONL"}},
                 "outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://b-1/out/"}},
                 "tags":[{"key":"switchboard-job","value":"batch_1"}]}""".formatted(name, token == null ? "" : "\"clientRequestToken\":\"" + token + "\",");
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return TestHttp.MAPPER.readTree(r.body());
    }

    private JsonNode get(String arn) throws Exception {
        return json(http.get("/model-invocation-job/" + URLEncoder.encode(arn, StandardCharsets.UTF_8)));
    }

    @Test
    void aRepeatedClientRequestTokenReturnsTheFirstJob() throws Exception {
        String first = json(http.post("/model-invocation-job", create("sb-a", "tok-1")))
                .path("jobArn")
                .asText();
        HttpResponse<String> again = http.post("/model-invocation-job", create("sb-b", "tok-1"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("jobArn").asText()).isEqualTo(first);
        String other = json(http.post("/model-invocation-job", create("sb-a", "tok-2")))
                .path("jobArn")
                .asText();
        assertThat(other)
                .isNotEqualTo(first)
                .matches("arn:aws:bedrock:[a-z0-9-]+:\\d{12}:model-invocation-job/[a-z0-9]{12}");
        assertThat(emulator.bedrockBatch().jobCount()).isEqualTo(2);
    }

    @Test
    void namesAndTokensOutsideBedrocksPatternsAreRefused() throws Exception {
        HttpResponse<String> name = http.post("/model-invocation-job", create("sb_batch_1", null));
        assertThat(name.statusCode()).isEqualTo(400);
        assertThat(name.headers().firstValue("x-amzn-ErrorType")).contains("ValidationException");
        assertThat(http.post("/model-invocation-job", create("sb-1", "batch_1")).statusCode())
                .isEqualTo(400);
        assertThat(emulator.bedrockBatch().jobCount()).isZero();
    }

    @Test
    void pollsMoveAJobThroughItsStatesAndCompletionWritesTheOutput() throws Exception {
        storage.write(
                "b-1",
                "in/input.jsonl",
                ("""
                {"recordId":"l2","modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":50,"messages":[{"role":"user","content":"two"}]}}
                {"recordId":"l1","modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":50,"messages":[{"role":"user","content":[{"type":"text","text":"%s"}]}]}}
                """).formatted(BedrockBatchJobs.FAIL_TEXT).getBytes(StandardCharsets.UTF_8));
        emulator.bedrockBatch().completeAfterGets(3);
        String arn = json(http.post("/model-invocation-job", create("sb-a", "tok-1")))
                .path("jobArn")
                .asText();
        assertThat(get(arn).path("status").asText()).isEqualTo("Scheduled");
        assertThat(get(arn).path("status").asText()).isEqualTo("InProgress");
        JsonNode done = get(arn);
        assertThat(done.path("status").asText()).isEqualTo("Completed");
        assertThat(done.path("totalRecordCount").asInt()).isEqualTo(2);
        assertThat(done.path("errorRecordCount").asInt()).isEqualTo(1);
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        String[] out = new String(storage.read("b-1", "out/" + id + "/input.jsonl.out"), StandardCharsets.UTF_8)
                .strip()
                .split("\n");
        JsonNode two = TestHttp.MAPPER.readTree(out[0]);
        assertThat(two.path("recordId").asText()).isEqualTo("l2");
        assertThat(two.path("modelOutput").path("content").get(0).path("text").asText())
                .endsWith("You said: two");
        assertThat(two.path("modelOutput").path("usage").path("output_tokens").asInt())
                .isPositive();
        JsonNode one = TestHttp.MAPPER.readTree(out[1]);
        assertThat(one.path("error").path("errorCode").asInt()).isEqualTo(400);
        JsonNode manifest = TestHttp.MAPPER.readTree(storage.read("b-1", "out/" + id + "/manifest.json.out"));
        assertThat(manifest.path("successRecordCount").asInt()).isEqualTo(1);
    }

    @Test
    void listingFiltersByNameAndPagesNewestFirst() throws Exception {
        for (int i = 1; i <= 3; i++) http.post("/model-invocation-job", create("sb-job-" + i, "tok-" + i));
        http.post("/model-invocation-job", create("other", "tok-9"));
        JsonNode page = json(http.get("/model-invocation-jobs?nameContains=sb-job&maxResults=2&sortOrder=Descending"));
        assertThat(page.path("invocationJobSummaries").findValuesAsText("jobName"))
                .containsExactly("sb-job-3", "sb-job-2");
        JsonNode rest =
                json(http.get("/model-invocation-jobs?nameContains=sb-job&maxResults=2&sortOrder=Descending&nextToken="
                        + page.path("nextToken").asText()));
        assertThat(rest.path("invocationJobSummaries").findValuesAsText("jobName"))
                .containsExactly("sb-job-1");
        assertThat(rest.has("nextToken")).isFalse();
    }

    @Test
    void adminRoutesEndJobsCountThemAndChangeSettings() throws Exception {
        storage.write("b-1", "in/input.jsonl", """
                {"recordId":"l1","modelInput":{"anthropic_version":"bedrock-2023-05-31","messages":[{"role":"user","content":"one"}]}}
                {"recordId":"l2","modelInput":{"anthropic_version":"bedrock-2023-05-31","messages":[{"role":"user","content":"two"}]}}
                """.getBytes(StandardCharsets.UTF_8));
        String a = json(http.post("/model-invocation-job", create("sb-a", "tok-1")))
                .path("jobArn")
                .asText();
        String b = json(http.post("/model-invocation-job", create("sb-b", "tok-2")))
                .path("jobArn")
                .asText();
        String c = json(http.post("/model-invocation-job", create("sb-c", "tok-3")))
                .path("jobArn")
                .asText();
        assertThat(json(http.get("/_emulator/bedrock/batch-jobs/count"))
                        .path("count")
                        .asInt())
                .isEqualTo(3);
        String idA = a.substring(a.lastIndexOf('/') + 1);
        assertThat(json(http.post("/_emulator/bedrock/batch-jobs/" + idA + "/expire?after=1", ""))
                        .path("status")
                        .asText())
                .isEqualTo("PartiallyCompleted");
        assertThat(new String(storage.read("b-1", "out/" + idA + "/input.jsonl.out"), StandardCharsets.UTF_8)
                        .strip()
                        .split("\n"))
                .hasSize(1);
        String pathB = "/_emulator/bedrock/batch-jobs/" + URLEncoder.encode(b, StandardCharsets.UTF_8);
        assertThat(json(http.post(pathB + "/finish", ""))
                        .path("successRecordCount")
                        .asInt())
                .isEqualTo(2);
        String idC = c.substring(c.lastIndexOf('/') + 1);
        assertThat(json(http.post("/_emulator/bedrock/batch-jobs/" + idC + "/expire", ""))
                        .path("status")
                        .asText())
                .isEqualTo("Expired");
        assertThat(http.post("/_emulator/bedrock/batch-jobs/" + idC + "/expire?after=x", "")
                        .statusCode())
                .isEqualTo(400);
        assertThat(http.post("/_emulator/bedrock/batch-jobs/abcdefabcdef/finish", "")
                        .statusCode())
                .isEqualTo(404);

        assertThat(http.post("/_emulator/bedrock/batch-jobs/settings?finish-after-gets=1&min-records=5", "")
                        .statusCode())
                .isEqualTo(200);
        String d = json(http.post("/model-invocation-job", create("sb-d", "tok-4")))
                .path("jobArn")
                .asText();
        JsonNode failed = get(d);
        assertThat(failed.path("status").asText()).isEqualTo("Failed");
        assertThat(failed.path("message").asText()).contains("minimum of 5");
    }

    @Test
    void anEndedJobCannotBeStopped() throws Exception {
        String arn = json(http.post("/model-invocation-job", create("sb-a", "tok-1")))
                .path("jobArn")
                .asText();
        String path = "/model-invocation-job/" + URLEncoder.encode(arn, StandardCharsets.UTF_8) + "/stop";
        assertThat(http.post(path, "").statusCode()).isEqualTo(200);
        assertThat(get(arn).path("status").asText()).isEqualTo("Stopped");
        assertThat(http.post(path, "").statusCode()).isEqualTo(400);
        assertThat(http.get("/model-invocation-job/abcdefabcdef").statusCode()).isEqualTo(404);
    }
}
