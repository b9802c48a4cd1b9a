package dev.switchboard.aws;

import static dev.switchboard.aws.LambdaEventShapesTest.body;
import static dev.switchboard.aws.LambdaEventShapesTest.event;
import static dev.switchboard.aws.LambdaEventShapesTest.header;
import static dev.switchboard.aws.LambdaEventShapesTest.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.http.Admission;
import dev.switchboard.aws.LambdaEventShapesTest.Source;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The hostile inputs of issue 9 through raw Lambda events (API Gateway HTTP API and Function URL): the Lambda
 * runtime shares the front doors' limits and the 5.5 MB body limit that fits a 6 MB synchronous invocation.
 */
@QuarkusTest
@QuarkusTestResource(value = LambdaEmulatorResource.class, restrictToAnnotatedClass = false)
class LambdaHostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Admission admission;

    private static JsonNode send(String body, String contentType) throws Exception {
        ObjectNode e = (ObjectNode)
                JSON.readTree(event(Source.FUNCTION_URL, "POST", "/v1/chat/completions", "req-hostile", body, false));
        ((ObjectNode) e.path("headers")).put("content-type", contentType);
        return invoke(e.toString());
    }

    private static String chat(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}";
    }

    @Test
    void aTextPlainBodyIs415AndSpendsNothing() throws Exception {
        JsonNode r = send(chat("emu-route", ""), "text/plain");
        assertThat(r.path("statusCode").asInt()).isEqualTo(415);
        assertThat(JSON.readTree(body(r)).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void hostileFieldsAre400NamingThem() throws Exception {
        record Case(String body, String param) {}
        for (Case c : new Case[] {
            new Case(chat("emu/" + "x".repeat(100_000), ""), "model"),
            new Case(chat("emu/emulator-1\\u0000", ""), "model"),
            new Case(chat("azure/..", ""), "model"),
            new Case(chat("emu-route", ",\"seed\":99999999999999999999999"), "seed"),
            new Case(
                    chat("emu-route", ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":3000000000}"),
                    "thinking.budget_tokens"),
            new Case(chat("emu-route", ",\"user\":\"" + "u".repeat(300_000) + "\""), "user")
        }) {
            JsonNode r = send(c.body(), "application/json");
            assertThat(r.path("statusCode").asInt()).as(c.param()).isEqualTo(400);
            assertThat(JSON.readTree(body(r)).path("error").path("param").asText())
                    .isEqualTo(c.param());
            assertThat(header(r, "x-switchboard-target")).isNull();
        }
    }

    /** Admission tickets are given back when the bridge's virtual response ends, or every slot would leak. */
    @Test
    void admissionIsReleasedAfterEveryRequest() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send(chat("emu-route", ""), "application/json")
                            .path("statusCode")
                            .asInt())
                    .isEqualTo(200);
            assertThat(send(chat("emu-route", ""), "text/plain")
                            .path("statusCode")
                            .asInt())
                    .isEqualTo(415);
        }
        long until = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (admission.inFlightRequests() > 0 && System.nanoTime() < until) Thread.onSpinWait();
        assertThat(admission.inFlightRequests()).isZero();
        assertThat(admission.inFlightBytes()).isZero();
    }

    @Test
    void aBodyOverTheLambdaLimitIs413() throws Exception {
        String big = chat("emu-route", ",\"metadata\":{\"k\":\"" + "v".repeat(5_700_000) + "\"}");
        JsonNode r = send(big, "application/json");
        assertThat(r.path("statusCode").asInt()).isEqualTo(413);
        assertThat(JSON.readTree(body(r)).path("error").path("message").asText())
                .contains("5632000");
    }
}
