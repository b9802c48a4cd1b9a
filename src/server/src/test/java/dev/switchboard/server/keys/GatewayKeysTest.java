package dev.switchboard.server.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.auth.ApiKeys;
import dev.switchboard.server.e2e.EmulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Gateway keys end to end through the official OpenAI (Bearer) and Anthropic (x-api-key) SDKs against the local
 * server and the emulator: authentication, the model allow-list, a rate limit, a budget spent by priced calls and
 * its reset at midnight UTC (on {@link TestClock}), the admin API, and that no key reaches a log or cost record.
 */
@QuarkusTest
@TestProfile(KeysProfile.class)
@QuarkusTestResource(value = EmulatorResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1")
    URL v1;

    @TestHTTPResource("/")
    URL root;

    @Inject
    TestClock clock;

    @BeforeEach
    void standStill() {
        clock.set(TestClock.START);
    }

    private OpenAIClient openAi(String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(v1.toString())
                .apiKey(key)
                .maxRetries(0)
                .build();
    }

    private AnthropicClient anthropic(String key) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(root.toString().replaceAll("/+$", ""))
                .apiKey(key)
                .maxRetries(0)
                .build();
    }

    private static ChatCompletionCreateParams ask(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("hi")
                .maxCompletionTokens(16)
                .build();
    }

    private static MessageCreateParams askAnthropic(String model) {
        return MessageCreateParams.builder()
                .model(model)
                .maxTokens(16)
                .addUserMessage("hi")
                .build();
    }

    private static List<JsonNode> costRecords(String requestId) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(EmulatorResource.costFile())) {
            if (line.isBlank()) continue;
            JsonNode r = JSON.readTree(line);
            if (requestId.equals(r.path("request_id").asText())) out.add(r);
        }
        return out;
    }

    @Test
    @Order(1)
    void theRightKeyIsServedAndItsCostRecordsNameTheKeyAndTenant() throws Exception {
        HttpResponseFor<ChatCompletion> raw =
                openAi(TestKeys.OPEN).chat().completions().withRawResponse().create(ask("emu/emulator-1"));
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.parse().choices().get(0).message().content())
                .hasValueSatisfying(c -> assertThat(c).contains("hi"));

        List<JsonNode> records =
                costRecords(raw.headers().values("x-request-id").get(0));
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.path("key_id").asText()).isEqualTo("open1");
            assertThat(r.path("tenant").asText()).isEqualTo("acme");
            assertThat(r.path("tags").toString()).contains("team-a");
        });

        Message m = anthropic(TestKeys.OPEN).messages().create(askAnthropic("emu-anthropic/emulator-1"));
        assertThat(m.content()).isNotEmpty();
    }

    @Test
    @Order(2)
    void aWrongOrMissingKeyIs401InTheCallersDialect() {
        String wrong = ApiKeys.generate("open1");
        UnauthorizedException e = catchThrowableOfType(
                UnauthorizedException.class,
                () -> openAi(wrong).chat().completions().create(ask("emu/emulator-1")));
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.code()).contains("invalid_api_key");

        com.anthropic.errors.UnauthorizedException a = catchThrowableOfType(
                com.anthropic.errors.UnauthorizedException.class,
                () -> anthropic("sk-ant-not-ours").messages().create(askAnthropic("emu-anthropic/emulator-1")));
        assertThat(a.statusCode()).isEqualTo(401);
        assertThat(a.getMessage()).contains("authentication_error");

        given().get("/v1/models").then().statusCode(401).body("error.code", equalTo("invalid_api_key"));
        given().header("authorization", "Bearer " + TestKeys.OPEN)
                .get("/v1/models")
                .then()
                .statusCode(200);
        given().contentType("application/json")
                .body("{\"model\":\"emu/emulator-1\",\"messages\":[]}")
                .post("/v1/chat/completions")
                .then()
                .statusCode(401)
                .body("error.code", equalTo("invalid_api_key"));
        // a bad body from an unauthenticated caller is still a 401, not a 400
        given().contentType("application/json")
                .body("not json")
                .post("/v1/messages")
                .then()
                .statusCode(401)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("authentication_error"));
    }

    @Test
    @Order(3)
    void aModelOutsideTheAllowListIs403() {
        PermissionDeniedException e = catchThrowableOfType(
                PermissionDeniedException.class,
                () -> openAi(TestKeys.OPEN).chat().completions().create(ask("emu-openai/emulator-1")));
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.code()).contains("model_not_allowed");

        com.anthropic.errors.PermissionDeniedException a = catchThrowableOfType(
                com.anthropic.errors.PermissionDeniedException.class,
                () -> anthropic(TestKeys.OPEN).messages().create(askAnthropic("emu-gemini/emulator-1")));
        assertThat(a.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(4)
    void theRequestsPerMinuteLimitAnswers429WithRetryAfterUntilTheMinuteEnds() {
        OpenAIClient client = openAi(TestKeys.RPM);
        HttpResponseFor<ChatCompletion> first =
                client.chat().completions().withRawResponse().create(ask("emu/emulator-1"));
        assertThat(first.headers().values("x-request-id")).isNotEmpty();
        client.chat().completions().create(ask("emu/emulator-1"));

        RateLimitException e = catchThrowableOfType(
                RateLimitException.class, () -> client.chat().completions().create(ask("emu/emulator-1")));
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.code()).contains("rate_limit_exceeded");
        assertThat(e.headers().values("retry-after")).containsExactly("55");
        assertThat(e.headers().values("x-ratelimit-limit-requests")).containsExactly("2");
        assertThat(e.headers().values("x-ratelimit-remaining-requests")).containsExactly("0");
        assertThat(e.headers().values("x-ratelimit-reset-requests")).containsExactly("55s");

        com.anthropic.errors.RateLimitException a = catchThrowableOfType(
                com.anthropic.errors.RateLimitException.class,
                () -> anthropic(TestKeys.RPM).messages().create(askAnthropic("emu/emulator-1")));
        assertThat(a.headers().values("retry-after")).containsExactly("55");

        clock.advance(Duration.ofSeconds(55));
        assertThat(client.chat().completions().create(ask("emu/emulator-1")).choices())
                .isNotEmpty();
    }

    @Test
    @Order(5)
    void aBudgetSpentByPricedCallsIs429InsufficientQuotaUntilMidnightUtc() throws Exception {
        OpenAIClient client = openAi(TestKeys.BUDGET);
        client.chat().completions().create(ask(EmulatorResource.PRICED_MODEL));
        client.chat().completions().create(ask(EmulatorResource.PRICED_MODEL));

        RateLimitException e = catchThrowableOfType(
                RateLimitException.class, () -> client.chat().completions().create(ask(EmulatorResource.PRICED_MODEL)));
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.code()).contains("insufficient_quota");
        assertThat(e.getMessage()).contains("resets at 2030-01-16T00:00:00Z");
        assertThat(e.headers().values("retry-after"))
                .containsExactly(Long.toString(Duration.between(TestClock.START, Instant.parse("2030-01-16T00:00:00Z"))
                        .toSeconds()));
        com.anthropic.errors.RateLimitException a = catchThrowableOfType(
                com.anthropic.errors.RateLimitException.class,
                () -> anthropic(TestKeys.BUDGET).messages().create(askAnthropic(EmulatorResource.PRICED_MODEL)));
        assertThat(a.statusCode()).isEqualTo(429);

        adminGet("/admin/usage?by=key&key=budget1&from=2030-01-15&to=2030-01-15")
                .body("data[0].key", equalTo("budget1"))
                .body("data[0].tenant", equalTo("beta"))
                .body("data[0].requests", equalTo(2))
                .body("data[0].spent_usd", equalTo(0.000165f));

        // 82.5 % of the day's budget after the first call, 165 % after the second: 50, 80 and 100 fire once each
        List<String> alerts = Files.readAllLines(KeysProfile.LOG).stream()
                .filter(l -> l.contains("\"event\":\"budget_alert\"") && l.contains("\"key_id\":\"budget1\""))
                .toList();
        assertThat(alerts).hasSize(3);
        assertThat(alerts.get(0)).contains("\"percent\":50", "\"window\":\"day\"", "\"tenant\":\"beta\"");
        assertThat(alerts.get(2)).contains("\"percent\":100", "\"budget_usd\":0.0001");

        clock.set(Instant.parse("2030-01-16T00:00:00Z"));
        assertThat(client.chat()
                        .completions()
                        .create(ask(EmulatorResource.PRICED_MODEL))
                        .choices())
                .isNotEmpty();
    }

    private ValidatableResponse adminGet(String path) {
        return given().header("authorization", "Bearer " + TestKeys.ADMIN)
                .get(path)
                .then()
                .statusCode(200);
    }

    @Test
    @Order(6)
    void theAdminApiCreatesUpdatesDisablesAndDeletesKeys() throws Exception {
        String body = "{\"id\":\"made1\",\"tenant\":\"gamma\",\"models\":[\"emu/*\"],\"tags\":[\"t1\"],"
                + "\"limits\":{\"requests_per_minute\":5},\"budget\":{\"usd_per_day\":2.5}}";
        String created = given().header("authorization", "Bearer " + TestKeys.ADMIN)
                .contentType("application/json")
                .body(body)
                .post("/admin/keys")
                .then()
                .statusCode(201)
                .body("id", equalTo("made1"))
                .body("tenant", equalTo("gamma"))
                .body("limits.requests_per_minute", equalTo(5))
                .extract()
                .asString();
        String key = JSON.readTree(created).path("key").asText();
        assertThat(key).startsWith("sb-made1-");
        assertThat(created).doesNotContain("sha256:");

        assertThat(openAi(key)
                        .chat()
                        .completions()
                        .create(ask("emu/emulator-1"))
                        .choices())
                .isNotEmpty();
        adminGet("/admin/keys").body("mutable", equalTo(true)).body("data.id", org.hamcrest.Matchers.hasItem("made1"));
        adminGet("/admin/keys/made1").body("budget.usd_per_day", equalTo(2.5f)).body("tags[0]", equalTo("t1"));
        given().header("authorization", "Bearer " + TestKeys.ADMIN)
                .contentType("application/json")
                .body(body)
                .post("/admin/keys")
                .then()
                .statusCode(409);

        given().header("authorization", "Bearer " + TestKeys.ADMIN)
                .contentType("application/json")
                .body("{\"limits\":{\"requests_per_minute\":1}}")
                .patch("/admin/keys/made1")
                .then()
                .statusCode(200)
                .body("limits.requests_per_minute", equalTo(1))
                .body("budget.usd_per_day", equalTo(2.5f));
        catchThrowableOfType(
                RateLimitException.class, () -> openAi(key).chat().completions().create(ask("emu/emulator-1")));

        given().header("authorization", "Bearer " + TestKeys.ADMIN)
                .post("/admin/keys/made1/disable")
                .then()
                .statusCode(200)
                .body("disabled", equalTo(true));
        clock.advance(Duration.ofMinutes(1));
        catchThrowableOfType(
                UnauthorizedException.class,
                () -> openAi(key).chat().completions().create(ask("emu/emulator-1")));

        adminGet("/admin/usage?by=tenant&from=2030-01-15&to=2030-01-15")
                .body("data.tenant", org.hamcrest.Matchers.hasItem("gamma"));
        given().header("authorization", "Bearer " + TestKeys.ADMIN)
                .delete("/admin/keys/made1")
                .then()
                .statusCode(200)
                .body("deleted", equalTo(true));
        given().header("authorization", "Bearer " + TestKeys.ADMIN)
                .get("/admin/keys/made1")
                .then()
                .statusCode(404);
    }

    @Test
    @Order(7)
    void aGatewayKeyNeverOpensTheAdminApi() {
        given().header("authorization", "Bearer " + TestKeys.OPEN)
                .get("/admin/keys")
                .then()
                .statusCode(401)
                .body("error.code", equalTo("invalid_api_key"));
        given().get("/admin/usage").then().statusCode(401);
        given().header("x-api-key", TestKeys.ADMIN).get("/admin/keys").then().statusCode(200);
    }

    @Test
    @Order(8)
    void aStreamIsSettledWithWhatItReallyCostNotTheEstimate() {
        // the response completes only after the gateway settled, so reading it whole makes the check deterministic
        String sse = given().header("authorization", "Bearer " + TestKeys.OPEN)
                .contentType("application/json")
                .body("{\"model\":\"" + EmulatorResource.PRICED_MODEL + "\",\"max_tokens\":16,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(sse).contains("data: [DONE]");
        // reserved: 1 input + 16 output tokens = USD 0.0001625; used: 1 input + 8 output = USD 0.0000825
        adminGet("/admin/usage?by=key&key=open1&from=2030-01-15&to=2030-01-15")
                .body("data[0].spent_usd", equalTo(0.0000825f));
    }

    @Test
    @Order(100)
    void noKeyAppearsInTheLogOrTheCostRecords() throws Exception {
        String log = Files.readString(KeysProfile.LOG);
        String costs = Files.readString(EmulatorResource.costFile());
        assertThat(log).contains("admin: created key 'made1'");
        assertThat(costs).contains("\"key_id\":\"open1\"");
        for (String key : TestKeys.all()) {
            assertThat(log).doesNotContain(key);
            assertThat(costs).doesNotContain(key);
            String secret = key.substring(key.lastIndexOf('-') + 1);
            assertThat(log).doesNotContain(secret);
            assertThat(costs).doesNotContain(secret);
        }
    }
}
