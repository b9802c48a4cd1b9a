package dev.switchboard.gcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The REST layer of the GCP package (what Quarkus's Cloud Functions bridge dispatches to), in JVM tests. The
 * deployed entry point itself, with its own streaming path, is {@link FunctionInvokerIT}.
 */
@QuarkusTest
@QuarkusTestResource(GcpEmulatorResource.class)
class GcpRestTest {
    private static final String HELLO = "Hello from the Switchboard emulator. You said: ping";

    @Test
    void healthAndModels() {
        given().when()
                .get("/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .header("x-request-id", notNullValue());
        given().when()
                .get("/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItems("provider:vertex", "provider:emu"));
        given().when().get("/v1/models").then().statusCode(200).body("data.id", hasItems("default", "emu/emulator-1"));
    }

    @Test
    void chatOnVertexAndOpenAiCompatible() {
        for (String model : new String[] {"default", "emu/emulator-1"}) {
            given().contentType(ContentType.JSON)
                    .body(chat(model, false))
                    .when()
                    .post("/v1/chat/completions")
                    .then()
                    .statusCode(200)
                    .body("choices[0].message.content", equalTo(HELLO));
        }
    }

    /** Through the bridge (streaming.mode buffered) a stream is one complete body with a Content-Length. */
    @Test
    void bufferedStreamThroughTheBridge() {
        Response r = given().contentType(ContentType.JSON)
                .body(chat("default", true))
                .when()
                .post("/v1/chat/completions");
        r.then().statusCode(200).contentType("text/event-stream");
        assertThat(r.header("content-length")).isEqualTo(String.valueOf(r.asByteArray().length));
        assertThat(r.asString()).contains("\"usage\":{").endsWith("data: [DONE]\n\n");
    }

    @Test
    void errors() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"default\"}")
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.param", equalTo("messages"));
        given().contentType(ContentType.JSON)
                .body(chat("nope", false))
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(404);
        given().contentType(ContentType.JSON)
                .body(chat("vertex/emulator-fault-429", false))
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(429)
                .body("error.type", equalTo("rate_limit_error"));
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]"
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    }
}
