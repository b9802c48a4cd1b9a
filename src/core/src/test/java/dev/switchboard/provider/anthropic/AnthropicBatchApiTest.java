package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.core.http.HttpTransport;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.nativebatch.NativeJob;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the emulator does not show: archived and expired batches, the find look-back and its probe budget. */
class AnthropicBatchApiTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private static AnthropicBatchApi api(URI base) {
        AnthropicConfig config = AnthropicConfig.of(base, "k");
        HttpTransport http = HttpTransport.create(
                "claude", base, Duration.ofSeconds(5), (s, h, b) -> AnthropicErrors.map("claude", s, h, b));
        return new AnthropicBatchApi("claude", config, http, config.headers(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String batch(String id, String status, String createdAt, String extra) {
        return "{\"id\":\"" + id + "\",\"type\":\"message_batch\",\"processing_status\":\"" + status
                + "\",\"created_at\":\"" + createdAt + "\",\"archived_at\":null,\"request_counts\":{\"processing\":0,"
                + "\"succeeded\":2,\"errored\":1,\"canceled\":0,\"expired\":0}" + extra + "}";
    }

    @Test
    void endedBatchesMapByWhatEndedThem() {
        AnthropicBatchApi api = api(URI.create("http://127.0.0.1:1"));
        NativeJob done = api.toJob(Json.parse(batch("b1", "ended", "2026-12-02T11:00:00Z", "")), "job");
        assertThat(done.state()).isEqualTo(NativeJob.State.COMPLETED);
        assertThat(done.total()).isEqualTo(3);
        assertThat(done.failed()).isEqualTo(1);
        NativeJob expired = api.toJob(
                Json.parse("{\"id\":\"b2\",\"processing_status\":\"ended\",\"request_counts\":{\"succeeded\":1,"
                        + "\"expired\":2}}"),
                "job");
        assertThat(expired.state()).isEqualTo(NativeJob.State.EXPIRED);
        assertThat(expired.message()).contains("2 requests expired");
        NativeJob archived = api.toJob(
                Json.parse("{\"id\":\"b3\",\"processing_status\":\"ended\",\"archived_at\":\"2026-11-01T00:00:00Z\"}"),
                "job");
        assertThat(archived.state()).isEqualTo(NativeJob.State.FAILED);
        NativeJob canceling = api.toJob(Json.parse("{\"id\":\"b4\",\"processing_status\":\"canceling\"}"), "job");
        assertThat(canceling.state()).isEqualTo(NativeJob.State.RUNNING);
    }

    @Test
    void customIdsCarryTheJobTagAndOnlyTheirOwnLinesMatch() {
        String tag = AnthropicBatchApi.tag("batch_abc");
        assertThat(tag).matches("sb[0-9a-f]{16}").isEqualTo(AnthropicBatchApi.tag("batch_abc"));
        assertThat(AnthropicBatchApi.tag("batch_abd")).isNotEqualTo(tag);
        assertThat(AnthropicBatchApi.lineId(tag + "-l12", tag)).isEqualTo("l12");
        assertThat(AnthropicBatchApi.lineId(AnthropicBatchApi.tag("other") + "-l12", tag))
                .isNull();
        assertThat(AnthropicBatchApi.lineId("no-dash-here-X", null)).isNull();
        assertThat((tag + "-l" + Integer.MAX_VALUE).length()).isLessThanOrEqualTo(64); // Anthropic's custom_id cap
    }

    @Test
    void findReadsOnlyEndedBatchesWithinTheLookBackAndAdoptsTheOneWithItsTag() throws IOException {
        String tag = AnthropicBatchApi.tag("batch_wanted");
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/messages/batches", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                paths.add(path);
                String body = switch (path) {
                    case "/v1/messages/batches" ->
                        "{\"data\":["
                                + batch("running", "in_progress", "2026-12-02T11:59:00Z", "") + ","
                                + batch("other", "ended", "2026-12-02T11:00:00Z", "") + ","
                                + batch("wanted", "ended", "2026-12-02T10:00:00Z", "") + ","
                                + batch("old", "ended", "2026-11-30T10:00:00Z", "")
                                + "],\"has_more\":false,\"last_id\":\"old\"}";
                    case "/v1/messages/batches/other/results" ->
                        "{\"custom_id\":\"" + AnthropicBatchApi.tag("batch_other")
                                + "-l1\",\"result\":{\"type\":\"expired\"}}\n";
                    case "/v1/messages/batches/wanted/results" ->
                        "{\"custom_id\":\"" + tag + "-l2\",\"result\":{\"type\":\"expired\"}}\n";
                    default -> "{}";
                };
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
        try {
            AnthropicBatchApi api =
                    api(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
            assertThat(api.find("batch_wanted"))
                    .get()
                    .extracting(NativeJob::providerJobId)
                    .isEqualTo("wanted");
            assertThat(paths)
                    .containsExactly(
                            "/v1/messages/batches",
                            "/v1/messages/batches/other/results",
                            "/v1/messages/batches/wanted/results");
            paths.clear();
            // a job with no batch: the old batch is past the look-back, the probed ones are not read again
            assertThat(api.find("batch_none")).isEmpty();
            assertThat(paths).containsExactly("/v1/messages/batches");
        } finally {
            server.stop(0);
        }
    }
}
