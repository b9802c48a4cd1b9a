package dev.switchboard.aws;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.switchboard.auth.ApiKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gateway keys under the Lambda HTTP bridge (auth_mode = keys, as terraform sets it): the key arrives in the API
 * Gateway v2 event's headers, as Bearer (OpenAI SDKs) or x-api-key (Anthropic SDKs); errors keep their status and
 * headers through the bridge.
 */
@QuarkusTest
@TestProfile(LambdaGatewayKeysTest.Keys.class)
@QuarkusTestResource(value = LambdaEmulatorResource.class, restrictToAnnotatedClass = false)
class LambdaGatewayKeysTest {
    static final String KEY = ApiKeys.generate("lambda1");

    public static class Keys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.auth.mode",
                    "keys",
                    "switchboard.auth.keys.lambda1.hash",
                    ApiKeys.hash(KEY),
                    "switchboard.auth.keys.lambda1.limits.requests-per-minute",
                    "1000000",
                    "switchboard.auth.keys.lambda1.models",
                    "emu-bedrock/*");
        }
    }

    @Test
    void aBearerKeyIsServedAndNoKeyIs401() {
        given().contentType(ContentType.JSON)
                .header("authorization", "Bearer " + KEY)
                .body(LambdaChatTest.chat("emu-bedrock/emulator-1", false))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .body("choices[0].message.content", notNullValue());
        given().contentType(ContentType.JSON)
                .body(LambdaChatTest.chat("emu-bedrock/emulator-1", false))
                .post("/v1/chat/completions")
                .then()
                .statusCode(401)
                .body("error.code", equalTo("invalid_api_key"));
    }

    @Test
    void anAnthropicStyleKeyIsServedAndAModelOutsideTheListIs403() {
        String body = "{\"model\":\"emu-bedrock/emulator-1\",\"max_tokens\":16,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";
        given().contentType(ContentType.JSON)
                .header("x-api-key", KEY)
                .header("anthropic-version", "2023-06-01")
                .body(body)
                .post("/v1/messages")
                .then()
                .statusCode(200)
                .body("type", equalTo("message"));
        given().contentType(ContentType.JSON)
                .header("authorization", "Bearer " + KEY)
                .body(LambdaChatTest.chat("emu/emulator-1", false))
                .post("/v1/chat/completions")
                .then()
                .statusCode(403)
                .body("error.code", equalTo("model_not_allowed"));
    }
}
