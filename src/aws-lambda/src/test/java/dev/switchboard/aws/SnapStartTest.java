package dev.switchboard.aws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of SnapStart without Lambda, in JVM tests: nothing in the application's start opens a
 * connection upstream. With Quarkus's full warmup the whole start runs before the snapshot; a pooled connection in
 * the snapshot would be dead after a restore, and shared by every restored instance. (That the package records the
 * SnapStart integration is checked on function.zip by {@code LambdaPackageIT}.)
 */
@QuarkusTest
@QuarkusTestResource(value = LambdaEmulatorResource.class, restrictToAnnotatedClass = false)
class SnapStartTest {

    @Test
    void startupOpensNoUpstreamConnection() throws Exception {
        // the idle providers are configured, built and ready...
        given().when()
                .get("/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItems("provider:idle-bedrock", "provider:idle-openai"));
        // ...yet had not connected when startup finished, nor since (SDK clients and HTTP clients connect lazily)
        assertThat(BootProbe.connectionsAtStartup).isZero();
        Thread.sleep(200);
        assertThat(LambdaEmulatorResource.idleConnections()).isZero();
    }
}
