package dev.switchboard.server.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.api.auth.AccessControl;
import dev.switchboard.api.auth.AuthConfig;
import dev.switchboard.api.auth.BudgetAlerts;
import dev.switchboard.api.auth.CallEstimator;
import dev.switchboard.api.service.ChatCompletions;
import dev.switchboard.api.service.Outcome;
import dev.switchboard.api.service.RequestMeta;
import dev.switchboard.auth.redis.RedisConnections;
import dev.switchboard.auth.redis.RedisKeyStore;
import dev.switchboard.auth.redis.RedisLedger;
import dev.switchboard.core.error.AccessDenied;
import dev.switchboard.core.frontend.RequestLimits;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.server.e2e.EmulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * Two gateway instances on one redis-server enforce one budget: instance A is this Quarkus server (called over
 * HTTP with the OpenAI SDK), instance B a second auth stack in the same JVM with its own Redis clients, key store and
 * ledger, in front of the same providers. Keys are created through the admin API into Redis.
 */
@QuarkusTest
@TestProfile(RedisKeysProfile.class)
@QuarkusTestResource(value = EmulatorResource.class, restrictToAnnotatedClass = false)
class SharedRedisBudgetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1")
    URL v1;

    @Inject
    TestClock clock;

    @Inject
    Gateway gateway;

    @Inject
    CallEstimator estimator;

    private UnifiedJedis redisB;

    @BeforeEach
    void standStill() {
        clock.set(TestClock.START);
        redisB = RedisConnections.open(RedisKeysResource.redis.url(), Duration.ofSeconds(2));
    }

    @AfterEach
    void close() {
        redisB.close();
    }

    private ChatCompletions instanceB(String redisUrl, AuthConfig.OnLedgerFailure onFailure, UnifiedJedis jedis) {
        RedisLedger ledger = new RedisLedger(jedis, "sb", Duration.ofDays(400));
        AccessControl access = new AccessControl(
                AuthConfig.Mode.KEYS,
                onFailure,
                new RedisKeyStore(redisB, "sb"),
                ledger,
                clock,
                estimator,
                new BudgetAlerts(ledger, List.of(50, 80, 100), Optional.empty()));
        return new ChatCompletions(gateway, RequestLimits.DEFAULT, access);
    }

    private static Outcome callB(ChatCompletions b, String key) {
        String body = "{\"model\":\"" + EmulatorResource.PRICED_MODEL + "\",\"max_completion_tokens\":16,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        return b.handle(
                body.getBytes(StandardCharsets.UTF_8),
                new RequestMeta("req_b_" + System.nanoTime(), System.nanoTime(), null, null, "application/json", key));
    }

    private static String createKey(String id, String json) throws Exception {
        String created = given().header("authorization", "Bearer " + TestKeys.ADMIN)
                .contentType("application/json")
                .body(json)
                .post("/admin/keys")
                .then()
                .statusCode(201)
                .extract()
                .asString();
        return JSON.readTree(created).path("key").asText();
    }

    private OpenAIClient openAi(String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(v1.toString())
                .apiKey(key)
                .maxRetries(0)
                .build();
    }

    private static ChatCompletionCreateParams priced() {
        return ChatCompletionCreateParams.builder()
                .model(EmulatorResource.PRICED_MODEL)
                .addUserMessage("hi")
                .maxCompletionTokens(16)
                .build();
    }

    @Test
    void twoInstancesSharingRedisEnforceOneBudgetAndAlertOnce() throws Exception {
        String key = createKey("shared", "{\"id\":\"shared\",\"tenant\":\"acme\",\"budget\":{\"usd_per_day\":0.0001}}");
        OpenAIClient a = openAi(key);
        ChatCompletions b = instanceB(RedisKeysResource.redis.url(), AuthConfig.OnLedgerFailure.FAIL_CLOSED, redisB);

        assertThat(a.chat().completions().create(priced()).choices()).isNotEmpty();
        assertThat(callB(b, key)).isInstanceOf(Outcome.Completed.class);

        RateLimitException onA = catchThrowableOfType(
                RateLimitException.class, () -> a.chat().completions().create(priced()));
        assertThat(onA.code()).contains("insufficient_quota");
        AccessDenied onB = catchThrowableOfType(AccessDenied.class, () -> callB(b, key));
        assertThat(onB.httpStatus()).isEqualTo(429);
        assertThat(onB.code()).isEqualTo("insufficient_quota");

        given().header("authorization", "Bearer " + TestKeys.ADMIN)
                .get("/admin/usage?by=tenant&from=2030-01-15&to=2030-01-15")
                .then()
                .statusCode(200)
                .body("data[0].tenant", equalTo("acme"))
                .body("data[0].requests", equalTo(2));

        // 82.5 % after the first call (50 and 80 fire on whichever instance settled it), 165 % after the second
        List<Integer> percents = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String alert = RedisKeysResource.ALERTS.poll(10, TimeUnit.SECONDS);
            assertThat(alert).as("webhook alert %d", i).isNotNull();
            JsonNode event = JSON.readTree(alert);
            assertThat(event.path("event").asText()).isEqualTo("budget_alert");
            assertThat(event.path("key_id").asText()).isEqualTo("shared");
            percents.add(event.path("percent").asInt());
        }
        assertThat(percents).containsExactlyInAnyOrder(50, 80);
        // instance B settled the second call and is not wired to the webhook: 100 % was logged there, not posted
        assertThat(RedisKeysResource.ALERTS.poll(0, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aLedgerThatCannotBeReachedFailsClosedOrOpenAsConfigured() throws Exception {
        String key = createKey("down1", "{\"id\":\"down1\",\"budget\":{\"usd_per_day\":1}}");
        dev.switchboard.auth.testing.LocalRedis gone = dev.switchboard.auth.testing.LocalRedis.start();
        String deadUrl = gone.url();
        gone.close();
        try (UnifiedJedis dead = RedisConnections.open(deadUrl, Duration.ofMillis(500))) {
            AccessDenied closed = catchThrowableOfType(
                    AccessDenied.class,
                    () -> callB(instanceB(deadUrl, AuthConfig.OnLedgerFailure.FAIL_CLOSED, dead), key));
            assertThat(closed.httpStatus()).isEqualTo(503);
            assertThat(closed.code()).isEqualTo("ledger_unavailable");

            assertThat(callB(instanceB(deadUrl, AuthConfig.OnLedgerFailure.FAIL_OPEN, dead), key))
                    .isInstanceOf(Outcome.Completed.class);
        }
    }
}
