package dev.switchboard.aws;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LambdaSmokeTest {

    @Test
    void healthAndErrorsThroughTheMockEventServer() {
        given().when()
                .get("/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .header("x-request-id", notNullValue());
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"x\"}")
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.param", equalTo("messages"));
    }

    @Test
    void rawApiGatewayV2Event() {
        String event = """
                {"version":"2.0","routeKey":"$default","rawPath":"/health/live","rawQueryString":"",
                 "headers":{"accept":"application/json"},
                 "requestContext":{"http":{"method":"GET","path":"/health/live","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"t"},
                   "requestId":"abc","routeKey":"$default","stage":"$default","timeEpoch":1},
                 "isBase64Encoded":false}
                """;
        given().contentType(ContentType.JSON)
                .body(event)
                .when()
                .post("/_lambda_")
                .then()
                .statusCode(200)
                .body("statusCode", equalTo(200))
                .body("body", containsString("UP"));
    }
}
