package dev.switchboard.server.telemetry;

import static dev.switchboard.server.telemetry.Exported.integer;
import static dev.switchboard.server.telemetry.Exported.text;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted proxy ({@code quarkus.http.proxy.proxy-address-forwarding}), the SERVER span's scheme and address
 * are the ones the caller used, as the proxy forwarded them; without it they are the connection's
 * ({@link ServerSpanTest}), whatever forwarding headers a caller sends.
 */
@QuarkusTest
@TestProfile(ForwardedServerSpanTest.Forwarding.class)
class ForwardedServerSpanTest {

    public static class Forwarding extends TelemetryProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new LinkedHashMap<>(super.getConfigOverrides());
            c.put("quarkus.http.proxy.proxy-address-forwarding", "true");
            c.put("quarkus.http.proxy.allow-x-forwarded", "true");
            c.put("quarkus.http.proxy.enable-forwarded-host", "true");
            return c;
        }
    }

    @Test
    void theSpanCarriesTheForwardedSchemeAndAddress() {
        String trace = Exported.newTraceId();
        given().header("traceparent", Exported.traceparent(trace))
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "llm.example.com")
                .header("X-Forwarded-Port", "8443")
                .contentType("application/json")
                .body("{\"model\":\"emu/emulator-fwd-plain\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
        Span server = Exported.server(TelemetryProfile.receiver(), trace);
        assertThat(text(server, "url.scheme")).isEqualTo("https");
        assertThat(text(server, "server.address")).isEqualTo("llm.example.com");
        assertThat(integer(server, "server.port")).isEqualTo(8443L);
    }
}
