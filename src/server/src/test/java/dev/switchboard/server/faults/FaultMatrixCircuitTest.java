package dev.switchboard.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.routing.CircuitSnapshot;
import dev.switchboard.core.routing.CircuitState;
import dev.switchboard.server.e2e.EmulatorResource;
import dev.switchboard.server.faults.Caller.Seen;
import dev.switchboard.server.faults.Cell.Mode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The circuit cells of the matrix: a target opens after 3 failures in a row, is skipped while open (no upstream
 * request, no cost record), admits one probe after the cooldown whose outcome closes or reopens it; and a target
 * that breaks its streams after the first byte is taken out of the route the same way.
 */
@QuarkusTest
@TestProfile(FaultMatrixProfile.class)
class FaultMatrixCircuitTest {

    @TestHTTPResource("/v1")
    URL base;

    @Inject
    Gateway gateway;

    private Caller caller;

    @BeforeEach
    void client() {
        caller = new Caller(base);
        caller.warmUp();
    }

    @AfterEach
    void close() {
        caller.close();
    }

    @ParameterizedTest(name = "503 first3 × {0} × fallback: opens, is skipped, a probe closes it")
    @EnumSource(Mode.class)
    void opensAfterThreeFailuresIsSkippedWhileOpenAndAProbeClosesIt(Mode mode) throws InterruptedException {
        String route = mode.stream() ? FaultMatrixProfile.CIRCUIT_STREAM : FaultMatrixProfile.CIRCUIT_CHAT;
        List<String> targets = FaultMatrixProfile.DEDICATED_ROUTES.get(route);
        String primary = targets.get(0);
        String secondary = targets.get(1);

        Seen first = answered(route, mode, secondary, 3);
        assertRecords(first, "overloaded", "overloaded", "ok");
        assertThat(circuit(primary).consecutiveFailures()).isEqualTo(2);

        Seen opening = answered(route, mode, secondary, 2);
        assertRecords(opening, "overloaded", "ok");
        assertThat(circuit(primary).state()).as("third failure in a row").isEqualTo(CircuitState.OPEN);
        JsonNode health = TargetHealth.circuit(primary);
        assertThat(health.path("state").asText()).isEqualTo("open");
        assertThat(health.path("times_opened").asInt()).isEqualTo(1);
        assertThat(health.path("retry_in_ms").asLong()).isBetween(1L, FaultMatrixProfile.COOLDOWN.toMillis());

        Seen skipped = answered(route, mode, secondary, 1);
        assertRecords(skipped, "ok");
        assertThat(requests(primary)).as("an open target is not called").isEqualTo(3);

        awaitProbe(primary);
        Seen probe = answered(route, mode, primary, 1);
        assertRecords(probe, "ok");
        assertThat(requests(primary)).isEqualTo(4);
        assertThat(circuit(primary).state()).as("the probe answered").isEqualTo(CircuitState.CLOSED);
        assertThat(TargetHealth.circuit(primary).path("state").asText()).isEqualTo("closed");
        assertThat(circuit(primary).timesOpened()).isEqualTo(1);
    }

    @Test
    void aFailedProbeReopensForTwiceTheCooldownAndAnOpenSingleTargetAnswers503() throws InterruptedException {
        String route = FaultMatrixProfile.CIRCUIT_REOPEN;
        String target = FaultMatrixProfile.DEDICATED_ROUTES.get(route).get(0);

        assertThat(caller.call(route, false).status()).isEqualTo(502);
        Seen opening = caller.call(route, false);
        assertThat(opening.status()).isEqualTo(502);
        assertThat(opening.error().path("code").asText())
                .as("one attempt: its own error")
                .isEqualTo("upstream_error");
        assertThat(circuit(target).state()).isEqualTo(CircuitState.OPEN);

        Seen refused = caller.call(route, false);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.error().path("code").asText()).isEqualTo("circuit_open");
        assertThat(refused.error().path("message").asText())
                .startsWith("No target of route '" + route + "' is available: " + target + " (circuit open).");
        assertThat(requests(target)).as("an open target is not called").isEqualTo(3);
        assertThat(CostLog.await(refused.requestId(), 0))
                .as("no upstream attempt, no cost record")
                .isEmpty();

        awaitProbe(target);
        Seen probe = caller.call(route, false);
        assertThat(probe.status()).isEqualTo(502);
        assertRecords(probe, "upstream_error");
        assertThat(requests(target)).isEqualTo(4);
        CircuitSnapshot reopened = circuit(target);
        assertThat(reopened.state()).isEqualTo(CircuitState.OPEN);
        assertThat(reopened.cooldown()).isEqualTo(FaultMatrixProfile.COOLDOWN.multipliedBy(2));
        assertThat(reopened.timesOpened()).isEqualTo(2);
    }

    @Test
    void streamsBrokenAfterTheFirstByteOpenTheCircuitSoTheNextOnesFallOverInTime() {
        String route = FaultMatrixProfile.CIRCUIT_MID_STREAM;
        List<String> targets = FaultMatrixProfile.DEDICATED_ROUTES.get(route);
        String primary = targets.get(0);
        for (int i = 1; i <= FaultMatrixProfile.CONSECUTIVE_FAILURES; i++) {
            Seen broken = caller.call(route, true);
            assertThat(broken.text()).isEqualTo("Hello from");
            assertThat(broken.streamBreak())
                    .as("no fallback after the first byte")
                    .isNotNull();
            assertRecords(broken, "upstream_error");
            int counted = i < FaultMatrixProfile.CONSECUTIVE_FAILURES ? i : 0; // opening starts the count afresh
            assertThat(TargetHealth.circuit(primary)
                            .path("consecutive_failures")
                            .asInt())
                    .isEqualTo(counted);
        }
        assertThat(circuit(primary).state()).isEqualTo(CircuitState.OPEN);

        Seen rescued = answered(route, Mode.STREAM, targets.get(1), 1);
        assertRecords(rescued, "ok");
        assertThat(requests(primary)).isEqualTo(FaultMatrixProfile.CONSECUTIVE_FAILURES);
    }

    private Seen answered(String route, Mode mode, String target, int attempts) {
        Seen s = caller.call(route, mode.stream());
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.text()).isEqualTo(Cell.ANSWER);
        assertThat(s.header("x-switchboard-target")).isEqualTo(target);
        assertThat(s.header("x-switchboard-attempts")).isEqualTo(String.valueOf(attempts));
        return s;
    }

    private static void assertRecords(Seen s, String... outcomes) {
        List<JsonNode> records = CostLog.await(s.requestId(), outcomes.length);
        assertThat(records)
                .extracting(r -> r.path("outcome").asText())
                .as("cost records of " + s.requestId())
                .containsExactly(outcomes);
    }

    private CircuitSnapshot circuit(String target) {
        return gateway.circuit(ModelRef.parse(target));
    }

    private void awaitProbe(String target) throws InterruptedException {
        Duration left = circuit(target).retryIn();
        Thread.sleep(left.toMillis() + 20);
    }

    private static int requests(String target) {
        return EmulatorResource.emulator()
                .requests(FaultMatrixTest.model(target))
                .size();
    }
}
