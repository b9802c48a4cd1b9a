package dev.switchboard.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the emulator does not show: answers without their metadata, file output, states by other names. */
class GeminiBatchApiTest {
    private final AtomicReference<String> operation = new AtomicReference<>();
    private HttpServer server;
    private GeminiBatchApi api;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1beta/batches/", exchange -> {
            try (exchange) {
                byte[] bytes = operation.get().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        GeminiProvider provider =
                new GeminiProvider("gem", new GeminiConfig(base, "k"), Map.of(), Duration.ofSeconds(5));
        api = (GeminiBatchApi) provider.nativeBatch().orElseThrow();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String answer(String text) {
        return "{\"response\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + text
                + "\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":3,"
                + "\"candidatesTokenCount\":2,\"totalTokenCount\":5}}}";
    }

    private static String done(String... items) {
        return "{\"name\":\"batches/b1\",\"done\":true,\"metadata\":{\"name\":\"batches/b1\",\"displayName\":\"job\","
                + "\"state\":\"BATCH_STATE_SUCCEEDED\",\"batchStats\":{\"requestCount\":\"" + items.length
                + "\",\"successfulRequestCount\":\"" + items.length + "\"},\"output\":{\"inlinedResponses\":"
                + "{\"inlinedResponses\":[" + String.join(",", items) + "]}}}}";
    }

    private static NativeJob job(String order) {
        return new NativeJob(
                "gem",
                "batches/b1",
                "job",
                NativeJob.State.COMPLETED,
                3,
                3,
                0,
                null,
                order == null ? Map.of() : Map.of(GeminiBatchApi.ORDER, order));
    }

    private List<NativeResult> results(NativeJob job) {
        List<NativeResult> out = new ArrayList<>();
        api.results(job, out::add);
        return out;
    }

    @Test
    void answersWithoutTheirKeyAreMatchedByTheRequestOrderRecordedAtCreate() {
        operation.set(done(answer("third"), answer("second"), answer("first")));
        List<NativeResult> out = results(job("3-1"));
        assertThat(out).extracting(NativeResult::lineId).containsExactly("l3", "l2", "l1");
        assertThat(out.getFirst().response().text()).isEqualTo("third");
        assertThat(out.getFirst().response().usage().inputTokens()).isEqualTo(3);
    }

    @Test
    void withoutKeysAndWithResponsesMissingNothingIsGuessed() {
        operation.set(done(answer("a"), answer("b")));
        assertThat(results(job("1-3"))).isEmpty();
        assertThat(results(job(null))).isEmpty();
    }

    @Test
    void aKeyWinsOverThePosition() {
        String keyed = answer("for l1").replaceFirst("^\\{", "{\"metadata\":{\"key\":\"l1\"},");
        operation.set(done(keyed, answer("x"), answer("y")));
        assertThat(results(job("3-1")).getFirst().lineId()).isEqualTo("l1");
    }

    @Test
    void aResponsesFileIsAClearErrorNotAnEmptyResult() {
        operation.set("{\"name\":\"batches/b1\",\"done\":true,\"metadata\":{\"state\":\"BATCH_STATE_SUCCEEDED\","
                + "\"output\":{\"responsesFile\":\"files/abc\"}}}");
        assertThatThrownBy(() -> results(job(null)))
                .isInstanceOf(UpstreamError.class)
                .hasMessageContaining("responses file");
    }

    @Test
    void lineErrorsCarryGrpcCodesAndAreMappedByTheirCanonicalName() {
        SwitchboardException invalid = api.lineError(Json.parse("{\"code\":3,\"message\":\"bad\"}"));
        assertThat(invalid).isInstanceOf(InvalidRequest.class);
        assertThat(invalid.upstreamStatus()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("INVALID_ARGUMENT");
        SwitchboardException limited = api.lineError(Json.parse("{\"code\":8,\"message\":\"slow down\",\"details\":"
                + "[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"7s\"}]}"));
        assertThat(limited).isInstanceOf(RateLimited.class);
        assertThat(((RateLimited) limited).retryAfter()).isEqualTo(Duration.ofSeconds(7));
        // the HTTP error body's shape, as some answers carry it
        assertThat(api.lineError(Json.parse("{\"code\":404,\"status\":\"NOT_FOUND\",\"message\":\"gone\"}")))
                .isInstanceOf(ModelNotFound.class);
    }

    @Test
    void statesAreReadUnderEitherPrefixAndAFailedOperationKeepsItsReason() {
        NativeJob failed = api.toJob(
                Json.parse("{\"name\":\"batches/b1\",\"done\":true,\"error\":{\"code\":3,\"message\":\"bad input\"},"
                        + "\"metadata\":{\"state\":\"JOB_STATE_FAILED\"}}"),
                "job",
                Map.of());
        assertThat(failed.state()).isEqualTo(NativeJob.State.FAILED);
        assertThat(failed.message()).isEqualTo("bad input");
        NativeJob running = api.toJob(
                Json.parse("{\"name\":\"batches/b1\",\"metadata\":{\"state\":\"BATCH_STATE_RUNNING\","
                        + "\"batchStats\":{\"requestCount\":\"4\",\"pendingRequestCount\":\"4\"}}}"),
                "job",
                Map.of());
        assertThat(running.state()).isEqualTo(NativeJob.State.RUNNING);
        assertThat(running.total()).isEqualTo(4);
        assertThat(running.succeeded()).isNull();
    }
}
