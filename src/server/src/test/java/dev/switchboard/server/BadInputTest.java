package dev.switchboard.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** What a caller sees for bad input: OpenAI-style error JSON, the right status, no stack trace, never a key. */
@QuarkusTest
class BadInputTest {

    private static io.restassured.response.ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/chat/completions")
                .then()
                .header("x-request-id", notNullValue())
                .header("x-switchboard-overhead-ms", matchesPattern("\\d+\\.\\d{3}"))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void malformedJsonIs400() {
        post("{\"model\": \"openai/gpt-4o\", \"messages\": [")
                .statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("could not parse the JSON body"));
    }

    @Test
    void missingMessagesIs400NamingIt() {
        post("{\"model\": \"openai/gpt-4o\"}")
                .statusCode(400)
                .body("error.param", equalTo("messages"))
                .body("error.message", containsString("messages"));
    }

    @Test
    void emptyMessagesIs400() {
        post("{\"model\": \"openai/gpt-4o\", \"messages\": []}")
                .statusCode(400)
                .body("error.param", equalTo("messages"))
                .body("error.message", containsString("empty array"));
    }

    @Test
    void wrongTypeIs400NamingTheParameter() {
        post("{\"model\": \"openai/gpt-4o\", \"messages\": [{\"role\":\"user\",\"content\":\"hi\"}], \"temperature\": \"hot\"}")
                .statusCode(400)
                .body("error.param", equalTo("temperature"))
                .body("error.message", containsString("expected a decimal, but got a string"));
        post("{\"model\": \"openai/gpt-4o\", \"messages\": [{\"role\":\"robot\",\"content\":\"hi\"}]}")
                .statusCode(400)
                .body("error.param", equalTo("messages[0].role"));
        post("{\"model\": 42, \"messages\": [{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode(400)
                .body("error.param", equalTo("model"));
    }

    @Test
    void unsupportedParameterIs400NamingIt() {
        post("{\"model\": \"openai/gpt-4o\", \"messages\": [{\"role\":\"user\",\"content\":\"hi\"}], \"functions\": []}")
                .statusCode(400)
                .body("error.param", equalTo("functions"))
                .body("error.message", containsString("Unrecognized request argument supplied: functions"));
        post("{\"model\": \"openai/gpt-4o\", \"messages\": [{\"role\":\"user\",\"content\":\"hi\"}], \"n\": 3}")
                .statusCode(400)
                .body("error.param", equalTo("n"));
    }

    @Test
    void unknownProviderOrModelIs404() {
        post("{\"model\": \"nosuch/gpt-4o\", \"messages\": [{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode(404)
                .body("error.code", equalTo("model_not_found"))
                .body("error.message", containsString("Unknown provider 'nosuch'"));
        post("{\"model\": \"no-such-route\", \"messages\": [{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode(404)
                .body("error.code", equalTo("model_not_found"))
                .body("error.param", equalTo("model"));
    }

    @Test
    void providerWithoutCredentialsAnswers503SayingSo() {
        post("{\"model\": \"openai/gpt-4o\", \"messages\": [{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode(503)
                .body("error.code", equalTo("provider_not_configured"))
                .body("error.message", containsString("has no API key"));
    }

    @Test
    void bodyOverTheLimitIs413() {
        String big = "x".repeat(11 * 1024 * 1024);
        post("{\"model\": \"openai/gpt-4o\", \"messages\": [{\"role\":\"user\",\"content\":\"" + big + "\"}]}")
                .statusCode(413)
                .body("error.code", equalTo("request_too_large"));
    }

    @TestHTTPResource("/v1/chat/completions")
    java.net.URI chatUrl;

    /**
     * Without a Content-Length the size is only known once read; the limit still holds. The JDK client's default
     * (an h2c upgrade over plain http) also checks the 413 is valid HTTP/2 (no connection-specific headers).
     */
    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = ("{\"model\": \"openai/gpt-4o\", \"messages\": [{\"role\":\"user\",\"content\":\""
                        + "x".repeat(11 * 1024 * 1024) + "\"}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var request = java.net.http.HttpRequest.newBuilder(chatUrl)
                .header("content-type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big)))
                .build();
        var response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(413);
        org.assertj.core.api.Assertions.assertThat(response.body()).contains("\"code\":\"request_too_large\"");
        org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("x-request-id"))
                .isPresent();
    }

    @Test
    void unknownUrlIsJson404() {
        given().when()
                .get("/v1/nothing-here")
                .then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("error.code", equalTo("unknown_url"))
                .header("x-request-id", notNullValue());
    }

    @Test
    void requestIdIsEchoedWhenTheCallerSendsOne() {
        given().header("x-request-id", "caller-123")
                .when()
                .get("/health/live")
                .then()
                .statusCode(200)
                .header("x-request-id", equalTo("caller-123"))
                .body("status", equalTo("UP"));
    }

    @Test
    void readinessListsProviders() {
        given().when()
                .get("/health/ready")
                .then()
                .body("checks.find { it.name == 'provider:openai' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'provider:local' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'provider:openai' }.reason", containsString("api-key"))
                .body("checks.find { it.name == 'provider:openai' }.secret", nullValue());
    }

    @jakarta.inject.Inject
    dev.switchboard.api.http.Admission admission;

    /** Every request gives its admission ticket back, answered or refused; a leak would end in 503s for all. */
    @Test
    void admissionIsReleasedAfterEveryRequest() {
        for (int i = 0; i < 3; i++) {
            post("{\"model\": \"x\"").statusCode(400);
            given().contentType("text/plain")
                    .body("{}")
                    .when()
                    .post("/v1/chat/completions")
                    .then()
                    .statusCode(415);
            given().contentType(ContentType.JSON)
                    .body("x".repeat(11 * 1024 * 1024))
                    .when()
                    .post("/v1/messages")
                    .then()
                    .statusCode(413);
        }
        long until = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (admission.inFlightRequests() > 0 && System.nanoTime() < until) Thread.onSpinWait();
        org.assertj.core.api.Assertions.assertThat(admission.inFlightRequests()).isZero();
        org.assertj.core.api.Assertions.assertThat(admission.inFlightBytes()).isZero();
    }
}
