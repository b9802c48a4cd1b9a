package dev.switchboard.server.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.e2e.EmulatorResource;
import dev.switchboard.server.faults.Caller.Seen;
import dev.switchboard.server.faults.Cell.Attempt;
import dev.switchboard.server.faults.Cell.Expected;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fault matrix: every fault × {stream, non-stream} × {single target, fallback, fallback across providers},
 * through the HTTP API with the official OpenAI client against the emulator. Each cell checks what the caller
 * sees, the upstream attempts (response headers and the emulator's own record), the circuits afterwards
 * ({@code GET /health/targets}) and the cost records (exactly one per upstream attempt).
 */
@QuarkusTest
@TestProfile(FaultMatrixProfile.class)
class FaultMatrixTest {

    @TestHTTPResource("/v1")
    URL base;

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

    @TestFactory
    Stream<DynamicTest> faultMatrix() {
        return Cell.all().stream().map(cell -> dynamicTest(cell.name(), () -> check(cell)));
    }

    private void check(Cell cell) {
        Expected expected = cell.expected();
        Seen seen = caller.call(cell.route(), cell.mode().stream());
        try {
            SoftAssertions.assertSoftly(s -> {
                whatTheCallerSees(s, cell, expected, seen);
                upstreamRequests(s, cell, expected);
                circuits(s, cell, expected);
                costRecords(s, cell, expected, seen);
            });
        } catch (AssertionError e) {
            // surefire names dynamic tests by number; say which cell this is
            throw new AssertionError(
                    cell.name() + " (route " + cell.route() + ", " + cell.targets() + ")\n" + e.getMessage(), e);
        }
    }

    private static void whatTheCallerSees(SoftAssertions s, Cell cell, Expected expected, Seen seen) {
        s.assertThat(seen.requestId()).as("x-request-id").isNotBlank();
        switch (expected) {
            case Expected.Answered a -> {
                s.assertThat(seen.status()).as("status").isEqualTo(200);
                s.assertThat(seen.text()).as("answer").isEqualTo(Cell.ANSWER);
                s.assertThat(seen.streamBreak()).as("error inside the stream").isNull();
                s.assertThat(seen.header("x-switchboard-route"))
                        .as("x-switchboard-route")
                        .isEqualTo(cell.route());
                s.assertThat(seen.header("x-switchboard-target"))
                        .as("x-switchboard-target")
                        .isEqualTo(a.target());
                s.assertThat(seen.header("x-switchboard-attempts"))
                        .as("x-switchboard-attempts")
                        .isEqualTo(String.valueOf(a.attempts().size()));
            }
            case Expected.Refused r -> {
                s.assertThat(seen.status()).as("status").isEqualTo(r.status());
                JsonNode error = seen.error();
                s.assertThat(error).as("OpenAI error JSON").isNotNull();
                if (error == null) return;
                s.assertThat(error.path("type").asText()).as("error.type").isEqualTo(r.type());
                s.assertThat(
                                error.path("code").isNull()
                                        ? null
                                        : error.path("code").asText())
                        .as("error.code")
                        .isEqualTo(r.code());
                if (r.exactMessage()) {
                    s.assertThat(error.path("message").asText())
                            .as("error.message")
                            .isEqualTo(r.message());
                } else {
                    s.assertThat(error.path("message").asText())
                            .as("error.message")
                            .startsWith(r.message());
                }
                s.assertThat(seen.header("retry-after")).as("retry-after").isEqualTo(r.retryAfter());
                s.assertThat(seen.header("x-switchboard-target"))
                        .as("no target answered")
                        .isNull();
            }
            case Expected.BrokeMidStream b -> {
                s.assertThat(seen.status())
                        .as("status, sent with the first byte")
                        .isEqualTo(200);
                s.assertThat(seen.text()).as("partial text").isEqualTo(b.partialText());
                s.assertThat(seen.header("x-switchboard-target"))
                        .as("x-switchboard-target")
                        .isEqualTo(cell.primary());
                s.assertThat(seen.header("x-switchboard-attempts"))
                        .as("x-switchboard-attempts")
                        .isEqualTo("1");
                s.assertThat(seen.streamBreak()).as("error while iterating").isNotNull();
                if (seen.streamBreak() == null) return;
                JsonNode frame = Caller.errorObject(seen.streamBreak());
                s.assertThat(frame.path("type").asText())
                        .as("error frame type: " + frame)
                        .isEqualTo("server_error");
                String provider = cell.topology().primaryProvider;
                s.assertThat(frame.path("message").asText())
                        .as("error frame message names the provider")
                        .satisfiesAnyOf(
                                m -> assertThat(m).startsWith(provider + ": "),
                                m -> assertThat(m).contains("provider '" + provider + "'"));
            }
        }
        if (cell.fault() == Fault.RATE_LIMITED && attemptsOn(expected, cell.primary()) > 1) {
            s.assertThat(seen.took())
                    .as("the 1 s Retry-After was waited")
                    .isGreaterThanOrEqualTo(FaultMatrixProfile.RETRY_AFTER_CAP);
        }
    }

    /** The emulator's own record of what reached it: one request per attempt, nothing for untouched targets. */
    private static void upstreamRequests(SoftAssertions s, Cell cell, Expected expected) {
        for (String target : cell.targets()) {
            s.assertThat(EmulatorResource.emulator().requests(model(target)))
                    .as("requests the emulator got for " + target)
                    .hasSize(attemptsOn(expected, target));
        }
    }

    private static void circuits(SoftAssertions s, Cell cell, Expected expected) {
        for (String target : cell.targets()) {
            List<Attempt> on = expected.attempts().stream()
                    .filter(a -> a.target().equals(target))
                    .toList();
            long failures = on.stream().filter(Attempt::countsAgainstCircuit).count();
            long calls = on.stream()
                    .filter(a -> !a.outcome().equals("invalid_request"))
                    .count();
            long sinceSuccess = on.isEmpty() || on.getLast().outcome().equals("ok") ? 0 : failures;
            JsonNode circuit = TargetHealth.circuit(target);
            s.assertThat(circuit.path("state").asText())
                    .as("circuit of " + target)
                    .isEqualTo("closed");
            s.assertThat(circuit.path("consecutive_failures").asLong())
                    .as("consecutive failures of " + target)
                    .isEqualTo(sinceSuccess);
            s.assertThat(circuit.path("window_calls").asLong())
                    .as("calls counted for " + target)
                    .isEqualTo(calls);
            s.assertThat(circuit.path("window_failures").asLong())
                    .as("failures counted for " + target)
                    .isEqualTo(failures);
        }
    }

    private static void costRecords(SoftAssertions s, Cell cell, Expected expected, Seen seen) {
        List<Attempt> attempts = expected.attempts();
        List<JsonNode> records = CostLog.await(seen.requestId(), attempts.size());
        s.assertThat(records).as("cost records of request " + seen.requestId()).hasSize(attempts.size());
        for (int i = 0; i < Math.min(records.size(), attempts.size()); i++) {
            JsonNode r = records.get(i);
            Attempt a = attempts.get(i);
            String what = "record " + (i + 1) + " " + r;
            s.assertThat(r.path("attempt").asInt()).as(what).isEqualTo(i + 1);
            s.assertThat(r.path("route").asText()).as(what).isEqualTo(cell.route());
            s.assertThat(r.path("provider").asText() + "/" + r.path("model").asText())
                    .as(what)
                    .isEqualTo(a.target());
            s.assertThat(r.path("outcome").asText()).as(what).isEqualTo(a.outcome());
            s.assertThat(r.path("stream").asBoolean()).as(what).isEqualTo(cell.mode().stream());
            usage(s, cell, expected, a, r, what);
            if (a.outcome().equals("timeout")) {
                // a stream must produce its first event within the first-token limit, even when not even the
                // headers come; a whole answer within the attempt limit
                long limit = (cell.mode().stream()
                                ? FaultMatrixProfile.FIRST_TOKEN_TIMEOUT
                                : FaultMatrixProfile.ATTEMPT_TIMEOUT)
                        .toMillis();
                s.assertThat(r.path("latency_ms").asLong())
                        .as("time to give up, " + what)
                        .isBetween(limit - 10, limit + 350);
            }
        }
    }

    /** Tokens as the protocol honestly reported them before the attempt ended; null where it reported none. */
    private static void usage(SoftAssertions s, Cell cell, Expected expected, Attempt a, JsonNode r, String what) {
        Long input = null;
        Long output = null;
        if (a.outcome().equals("ok")) {
            input = Cell.INPUT_TOKENS;
            output = Cell.OUTPUT_TOKENS;
        } else if (expected instanceof Expected.BrokeMidStream && cell.primaryProtocol() == Fault.Protocol.ANTHROPIC) {
            // Anthropic's message_start carries the input tokens (and output 1); OpenAI reports usage only at the end
            input = Cell.INPUT_TOKENS;
            output = 1L;
        }
        s.assertThat(
                        r.path("input_tokens").isNull()
                                ? null
                                : r.path("input_tokens").asLong())
                .as("input tokens, " + what)
                .isEqualTo(input);
        s.assertThat(
                        r.path("output_tokens").isNull()
                                ? null
                                : r.path("output_tokens").asLong())
                .as("output tokens, " + what)
                .isEqualTo(output);
        if (input == null)
            s.assertThat(r.path("cost_usd").isNull())
                    .as("nothing reported, nothing priced, " + what)
                    .isTrue();
    }

    private static int attemptsOn(Expected expected, String target) {
        return (int) expected.attempts().stream()
                .filter(a -> a.target().equals(target))
                .count();
    }

    static String model(String target) {
        return target.substring(target.indexOf('/') + 1);
    }
}
