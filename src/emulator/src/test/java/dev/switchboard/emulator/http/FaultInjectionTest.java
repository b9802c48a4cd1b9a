package dev.switchboard.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.EmulatorOverHttp;
import dev.switchboard.emulator.RawHttp;
import dev.switchboard.emulator.StreamCapture;
import dev.switchboard.emulator.TestHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault tokens on the HTTP transport, exercised through the OpenAI front end. */
class FaultInjectionTest extends EmulatorOverHttp {

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    static String chat(String model, boolean stream) {
        return """
                {"model":"%s","stream":%s,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"hi"}]}""".formatted(model, stream);
    }

    private static HttpResponse<String> post(String model, boolean stream) {
        return http.post("/v1/chat/completions", chat(model, stream));
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void statusWithRetryAfter() {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> r = post("emulator-fault-429-ra2", stream);
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("retry-after")).hasValue("2");
            JsonNode error = TestHttp.json(r.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(error.path("message").asText()).contains("emulator-fault-429-ra2");
        }
        HttpResponse<String> noRetryAfter = post("emulator-fault-500", false);
        assertThat(noRetryAfter.statusCode()).isEqualTo(500);
        assertThat(noRetryAfter.headers().firstValue("retry-after")).isEmpty();
        assertThat(TestHttp.json(noRetryAfter.body()).path("error").path("type").asText())
                .isEqualTo("server_error");
    }

    @Test
    void delayHoldsBackTheHeaders() {
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = http.postStream("/v1/chat/completions", chat("emulator-delay400", true));
        assertThat(millisSince(t0)).isGreaterThanOrEqualTo(400);
        assertThat(StreamCapture.read(r.body()).completedCleanly()).isTrue();

        Exception timeout = http.sendExpectingFailure(
                http.postRequest("/v1/chat/completions", chat("emulator-delay1500", false))
                        .timeout(Duration.ofMillis(150))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(timeout).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void slowSendsHeadersAtOnceThenHoldsTheFirstChunk() {
        RawHttp.Exchange r =
                RawHttp.post(emulator.httpBaseUri(), "/v1/chat/completions", chat("emulator-slow1200", true));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.terminated()).isTrue();
        long headersMillis = (r.headersNanos() - r.sentNanos()) / 1_000_000;
        long firstChunkAfterHeaders = (r.chunks().getFirst().arrivalNanos() - r.headersNanos()) / 1_000_000;
        // ordering, with wide margins: headers well before the slow period ends, first chunk after it
        assertThat(headersMillis).isLessThan(1000);
        assertThat(firstChunkAfterHeaders).isGreaterThanOrEqualTo(700);

        long t1 = System.nanoTime();
        assertThat(post("emulator-slow300", false).statusCode()).isEqualTo(200);
        assertThat(millisSince(t1)).isGreaterThanOrEqualTo(300);
    }

    @Test
    void gapSpacesTheChunks() {
        RawHttp.Exchange r = RawHttp.post(emulator.httpBaseUri(), "/v1/chat/completions", chat("emulator-gap40", true));
        assertThat(r.terminated()).isTrue();
        List<RawHttp.Chunk> chunks = r.chunks();
        assertThat(chunks.size()).isGreaterThan(5);
        long spanMillis = (chunks.getLast().arrivalNanos() - chunks.getFirst().arrivalNanos()) / 1_000_000;
        assertThat(spanMillis).isGreaterThanOrEqualTo(40L * (chunks.size() - 1) / 2);
        // and each chunk is a whole SSE event: the server flushes per event
        chunks.forEach(c -> assertThat(c.text()).startsWith("data: ").endsWith("\n\n"));
    }

    @Test
    void cutClosesTheStreamWithoutTerminator() {
        RawHttp.Exchange r = RawHttp.post(emulator.httpBaseUri(), "/v1/chat/completions", chat("emulator-cut3", true));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.terminated()).isFalse();
        List<String> events =
                TestHttp.sse(r.body()).stream().map(TestHttp.SseEvent::data).toList();
        assertThat(events).hasSize(3).doesNotContain("[DONE]");

        // more chunks asked for than exist: everything but the terminator
        RawHttp.Exchange all =
                RawHttp.post(emulator.httpBaseUri(), "/v1/chat/completions", chat("emulator-cut999", true));
        assertThat(all.terminated()).isFalse();
        List<String> allEvents =
                TestHttp.sse(all.body()).stream().map(TestHttp.SseEvent::data).toList();
        assertThat(allEvents).hasSizeGreaterThan(3).doesNotContain("[DONE]");

        // a JDK HttpClient reader sees the chunks, then the failure
        StreamCapture capture = StreamCapture.read(http.postStream("/v1/chat/completions", chat("emulator-cut3", true))
                .body());
        assertThat(capture.failure()).isNotNull();
        assertThat(capture.data()).doesNotContain("[DONE]");
    }

    @Test
    void cutSendsHalfANonStreamBody() {
        Exception e = http.sendExpectingFailure(
                http.postRequest("/v1/chat/completions", chat("emulator-cut1", false))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(e).isInstanceOf(IOException.class);
    }

    @Test
    void resetGivesNoResponse() {
        for (boolean stream : new boolean[] {false, true}) {
            Exception e = http.sendExpectingFailure(
                    http.postRequest("/v1/chat/completions", chat("emulator-reset", stream))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(e).isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
        }
        long t0 = System.nanoTime();
        assertThat(http.sendExpectingFailure(
                        http.postRequest("/v1/chat/completions", chat("emulator-delay200-reset", false))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(millisSince(t0)).isGreaterThanOrEqualTo(200);
    }

    @Test
    void malformed() {
        HttpResponse<String> r = post("emulator-malformed", false);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isNotEmpty();
        assertThat(parses(r.body())).isFalse();

        StreamCapture stream =
                StreamCapture.read(http.postStream("/v1/chat/completions", chat("emulator-malformed", true))
                        .body());
        assertThat(stream.completedCleanly()).isTrue();
        List<String> payloads = stream.data();
        assertThat(payloads.getLast()).isEqualTo("[DONE]");
        assertThat(payloads.subList(0, payloads.size() - 1).stream().filter(p -> !parses(p)))
                .hasSize(1);
        assertThat(parses(payloads.get(1))).isFalse();
    }

    @Test
    void midStreamErrorChunk() {
        StreamCapture capture =
                StreamCapture.read(http.postStream("/v1/chat/completions", chat("emulator-fault-500-mid2", true))
                        .body());
        assertThat(capture.data()).hasSize(3);
        assertThat(TestHttp.json(capture.data().getLast())
                        .path("error")
                        .path("type")
                        .asText())
                .isEqualTo("server_error");
    }

    @Test
    void firstAndEvery() {
        List<Integer> first = new ArrayList<>();
        List<Integer> every = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            first.add(post("emulator-fault-500-first2", false).statusCode());
            every.add(post("emulator-fault-503-every2", false).statusCode());
        }
        assertThat(first).containsExactly(500, 500, 200, 200);
        assertThat(every).containsExactly(200, 503, 200, 503);
        assertThat(emulator.requestCount("emulator-fault-500-first2")).isEqualTo(4);

        emulator.reset();
        assertThat(emulator.requestCount("emulator-fault-500-first2")).isZero();
        assertThat(post("emulator-fault-500-first2", false).statusCode()).isEqualTo(500);
    }

    @Test
    void faultGatesApplyToTimingFaultsToo() {
        assertThat(StreamCapture.read(http.postStream("/v1/chat/completions", chat("emulator-cut2-first1", true))
                                .body())
                        .completedCleanly())
                .isFalse();
        assertThat(StreamCapture.read(http.postStream("/v1/chat/completions", chat("emulator-cut2-first1", true))
                                .body())
                        .completedCleanly())
                .isTrue();
    }

    private static boolean parses(String text) {
        try {
            TestHttp.MAPPER.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
