package dev.switchboard.server.faults;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code GET /health/targets}, as an operator reads it. */
final class TargetHealth {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TargetHealth() {}

    /** The {@code circuit} object of one target; fails when the target is not listed. */
    static JsonNode circuit(String target) {
        String body =
                given().get("/health/targets").then().statusCode(200).extract().asString();
        try {
            for (JsonNode t : JSON.readTree(body).path("targets")) {
                if (t.path("target").asText().equals(target)) return t.path("circuit");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("GET /health/targets does not list " + target + ": " + body);
    }
}
