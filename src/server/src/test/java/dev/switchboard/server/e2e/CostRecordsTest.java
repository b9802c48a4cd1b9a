package dev.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import dev.switchboard.core.cost.CostRecordJson;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cost records behind what a caller saw, read back from the JSONL file sink with a JSON parser: one per upstream
 * attempt, every key of {@link CostRecordJson#KEYS}, the same tokens as the response's usage, tags from the header
 * and the {@code user} field, and never the prompt or a key.
 */
@QuarkusTest
@QuarkusTestResource(value = EmulatorResource.class, restrictToAnnotatedClass = false)
class CostRecordsTest {

    @TestHTTPResource("/v1")
    URL base;

    OpenAIClient client;

    @BeforeEach
    void client() {
        client = E2e.openAi(base);
    }

    private static String requestId(HttpResponseFor<?> raw) {
        List<String> ids = raw.headers().values("x-request-id");
        assertThat(ids).singleElement().asString().isNotBlank();
        return ids.get(0);
    }

    private static List<String> keys(JsonNode record) {
        List<String> keys = new ArrayList<>();
        record.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** The raw line of a record, as written. */
    private static String line(String requestId) {
        return E2e.costLines().stream()
                .filter(l -> l.contains("\"" + requestId + "\""))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aChatLeavesOneRecordWithTheUsageTheCallerSaw() {
        String prompt = "cost-probe-3f9a: what is the capital of France?";
        Instant before = Instant.now();
        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("emu-openai/emulator-1")
                        .addUserMessage(prompt)
                        .user("alice")
                        .putAdditionalHeader("x-switchboard-tags", "team:search, env:e2e")
                        .build());
        CompletionUsage usage = raw.parse().usage().orElseThrow();
        String id = requestId(raw);

        List<JsonNode> records = E2e.costRecords(id);
        assertThat(records).hasSize(1);
        JsonNode r = records.get(0);
        assertThat(keys(r)).containsExactlyInAnyOrderElementsOf(CostRecordJson.KEYS);
        assertThat(Instant.parse(r.get("timestamp").asText())).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(r.get("request_id").asText()).isEqualTo(id);
        assertThat(r.get("attempt").asInt()).isEqualTo(1);
        assertThat(r.get("route").asText()).isEqualTo("emu-openai/emulator-1");
        assertThat(r.get("provider").asText()).isEqualTo("emu-openai");
        assertThat(r.get("model").asText()).isEqualTo("emulator-1");
        assertThat(r.get("outcome").asText()).isEqualTo("ok");
        assertThat(r.get("stream").asBoolean()).isFalse();
        assertThat(r.get("input_tokens").asLong())
                .isEqualTo(usage.promptTokens())
                .isEqualTo(E2e.promptTokens(prompt));
        assertThat(r.get("output_tokens").asLong()).isEqualTo(usage.completionTokens());
        assertThat(r.get("reasoning_tokens").asLong()).isZero();
        assertThat(r.get("cost_usd").isNull())
                .as("emulator models have no price")
                .isTrue();
        assertThat(r.get("pricing").asText()).isEqualTo("unknown");
        assertThat(r.get("latency_ms").asLong()).isNotNegative();
        assertThat(r.get("ttft_ms").isNull()).as("streams only").isTrue();
        assertThat(r.get("tags")).extracting(JsonNode::asText).containsExactly("team:search", "env:e2e", "user:alice");
        assertThat(r.get("batch_job_id").isNull()).isTrue();

        assertThat(line(id))
                .doesNotContain("cost-probe-3f9a", "capital of France", "sk-test-emulator", "caller-key-unused");
    }

    @Test
    void aStreamRecordsItsTimeToFirstTokenAndTheFinalUsage() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("emu-default")
                .addUserMessage("stream-probe-51c2 tell me more")
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw =
                client.chat().completions().withRawResponse().createStreaming(params);
        CompletionUsage usage;
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            usage = chunks.get(chunks.size() - 1).usage().orElseThrow();
        }
        String id = requestId(raw);

        JsonNode r = E2e.costRecords(id).stream()
                .reduce((a, b) -> {
                    throw new AssertionError("more than one record for " + id);
                })
                .orElseThrow();
        assertThat(keys(r)).containsExactlyInAnyOrderElementsOf(CostRecordJson.KEYS);
        assertThat(r.get("route").asText()).isEqualTo("emu-default");
        assertThat(r.get("provider").asText()).isEqualTo("emu");
        assertThat(r.get("model").asText()).isEqualTo("emulator-1");
        assertThat(r.get("outcome").asText()).isEqualTo("ok");
        assertThat(r.get("stream").asBoolean()).isTrue();
        assertThat(r.get("input_tokens").asLong()).isEqualTo(usage.promptTokens());
        assertThat(r.get("output_tokens").asLong()).isEqualTo(usage.completionTokens());
        assertThat(r.get("ttft_ms").isIntegralNumber())
                .as("ttft_ms present for a stream")
                .isTrue();
        assertThat(r.get("ttft_ms").asLong())
                .isNotNegative()
                .isLessThanOrEqualTo(r.get("latency_ms").asLong());
        assertThat(r.get("tags")).isEmpty();
        assertThat(line(id)).doesNotContain("stream-probe-51c2");
    }

    @Test
    void cacheReadsAndReasoningAreRecordedAsTheCallerSawThem() {
        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("emu-gemini/emulator-think-cache")
                        .addUserMessage("a prompt long enough to be worth caching, as a long system prompt would be")
                        .build());
        CompletionUsage usage = raw.parse().usage().orElseThrow();
        JsonNode r = E2e.costRecords(requestId(raw)).get(0);
        assertThat(r.get("input_tokens").asLong()).isEqualTo(usage.promptTokens());
        assertThat(r.get("cache_read_tokens").asLong())
                .isEqualTo(
                        usage.promptTokensDetails().orElseThrow().cachedTokens().orElseThrow())
                .isPositive();
        assertThat(r.get("reasoning_tokens").asLong())
                .isEqualTo(usage.completionTokensDetails()
                        .orElseThrow()
                        .reasoningTokens()
                        .orElseThrow())
                .isEqualTo(E2e.REASONING_TOKENS);
        assertThat(r.get("output_tokens").asLong()).isEqualTo(usage.completionTokens());
    }

    @Test
    void aPricedModelRecordsTheCostTheHeaderShowed() {
        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model(EmulatorResource.PRICED_MODEL)
                        .addUserMessage("ping")
                        .build());
        JsonNode r = E2e.costRecords(requestId(raw)).get(0);
        // 1 input token at $2.50/Mtok + 8 output tokens at $10/Mtok
        assertThat(r.get("cost_usd").decimalValue())
                .isEqualByComparingTo(new BigDecimal("0.0000825"))
                .isEqualByComparingTo(new BigDecimal(
                        raw.headers().values("x-switchboard-cost-usd").get(0)));
        assertThat(r.get("pricing").asText()).isEqualTo("known");
        assertThat(r.get("price_version").asText()).isNotBlank();
    }

    @Test
    void everyUpstreamAttemptHasItsOwnRecord() {
        // fails once with a 500, then answers: the gateway retries the direct request once (after a short backoff)
        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("emu/emulator-fault-500-first1-retried")
                        .addUserMessage("ping")
                        .build());
        assertThat(raw.parse().choices().get(0).message().content()).contains(E2e.GREETING + "ping");
        assertThat(raw.headers().values("x-switchboard-attempts")).containsExactly("2");

        List<JsonNode> records = E2e.costRecords(requestId(raw));
        assertThat(records).extracting(r -> r.get("attempt").asInt()).containsExactly(1, 2);
        assertThat(records).extracting(r -> r.get("outcome").asText()).containsExactly("upstream_error", "ok");
        JsonNode failed = records.get(0);
        assertThat(keys(failed)).containsExactlyInAnyOrderElementsOf(CostRecordJson.KEYS);
        assertThat(failed.get("input_tokens").isNull())
                .as("nothing reported, not zero")
                .isTrue();
        assertThat(failed.get("output_tokens").isNull()).isTrue();
        assertThat(failed.get("cost_usd").isNull()).isTrue();
        assertThat(records.get(1).get("output_tokens").asLong()).isEqualTo(E2e.words(E2e.GREETING + "ping"));
    }

    @Test
    void aFailedRequestRecordsItsOutcome() {
        String id = "e2e-cost-" + System.nanoTime();
        InternalServerException e = catchThrowableOfType(
                InternalServerException.class,
                () -> client.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("emu-anthropic/emulator-fault-401-cost")
                                .addUserMessage("ping")
                                .putAdditionalHeader("x-request-id", id)
                                .build()));
        assertThat(e.headers().values("x-request-id")).containsExactly(id);

        assertThat(E2e.costRecords(id)).singleElement().satisfies(r -> {
            assertThat(r.get("outcome").asText()).isEqualTo("auth_failed");
            assertThat(r.get("provider").asText()).isEqualTo("emu-anthropic");
            assertThat(r.get("latency_ms").asLong())
                    .isNotNegative()
                    .isLessThan(Duration.ofSeconds(10).toMillis());
            assertThat(r.get("input_tokens").isNull()).isTrue();
        });
        assertThat(line(id)).doesNotContain("ant-test");
    }
}
