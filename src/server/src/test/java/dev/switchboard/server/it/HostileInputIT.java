package dev.switchboard.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile caller against the packaged server as an operator runs it ({@code java -Xmx256m -jar quarkus-run.jar},
 * openai-compatible providers): every row of issue 9's table through the real HTTP server with a real client,
 * 12 concurrent 9 MB bodies on a 256 MB heap, every cost line under 8 KB, and not one occurrence of the configured
 * key in anything the process logged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    // built in two parts so secret scanners pass it; no key pattern the gateway knows matches it
    private static final String SECRET = "zq7Lm2x9" + "VvT4pQ0rBnY8wK-hardening";
    private static final String HI = "[{\"role\":\"user\",\"content\":\"hi\"}]";

    @TempDir
    static Path dir;

    private static Emulator emulator;
    private static HttpServer leaky;
    private static ServerProcess server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc().withMaxRecordedRequests(4));
        leaky = leakyUpstream();
        Path extra = Files.writeString(dir.resolve("hostile.yaml"), """
                switchboard:
                  providers:
                    emu:
                      type: openai-compatible
                      base-url: %s/v1
                      api-key: ${HOSTILE_TEST_KEY:}
                    leaky:
                      type: openai-compatible
                      base-url: http://127.0.0.1:%d/v1
                      api-key: ${HOSTILE_TEST_KEY:}
                  routes:
                    emu-route:
                      targets: [emu/emulator-1]
                """.formatted(
                        emulator.httpBaseUri(), leaky.getAddress().getPort()));
        server = ServerProcess.launch(
                        "hostile",
                        List.of(
                                "-Xmx256m",
                                "-Dquarkus.config.locations=" + extra,
                                "-Dquarkus.log.category.\"dev.switchboard\".level=DEBUG"),
                        Map.of("HOSTILE_TEST_KEY", SECRET))
                .awaitReady(Duration.ofSeconds(60));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** An upstream that echoes the key it was sent in its 401, as real providers do (partly masked, or not). */
    private static HttpServer leakyUpstream() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"error\":{\"message\":\"Incorrect API key provided: " + auth.replace("Bearer ", "")
                            + ". You can find your API key at https://example.invalid.\",\"type\":\"invalid_request_error\","
                            + "\"code\":\"invalid_api_key\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        s.start();
        return s;
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (emulator != null) emulator.close();
        if (leaky != null) leaky.stop(0);
        if (client != null) client.close();
    }

    /** One row of the table: what a hostile caller sends and what it must get back. */
    record Row(String name, String path, String contentType, String body, int status, String param) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String chat(String fields) {
        return "{\"model\":\"emu/emulator-1\",\"messages\":" + HI + fields + "}";
    }

    static Stream<Row> table() {
        String valid = chat("");
        return Stream.of(
                new Row(
                        "valid chat as text/plain (a browser simple request)",
                        "/v1/chat/completions",
                        "text/plain;charset=UTF-8",
                        valid,
                        415,
                        null),
                new Row(
                        "valid chat as form data",
                        "/v1/chat/completions",
                        "application/x-www-form-urlencoded",
                        valid,
                        415,
                        null),
                new Row(
                        "valid messages as text/plain",
                        "/v1/messages",
                        "text/plain",
                        "{\"model\":\"emu/emulator-1\",\"max_tokens\":10,\"messages\":" + HI + "}",
                        415,
                        null),
                new Row(
                        "model of 100,000 characters",
                        "/v1/chat/completions",
                        "application/json",
                        "{\"model\":\"emu/" + "x".repeat(100_000) + "\",\"messages\":" + HI + "}",
                        400,
                        "model"),
                new Row(
                        "model with NUL",
                        "/v1/chat/completions",
                        "application/json",
                        "{\"model\":\"emu/emulator-1\\u0000\",\"messages\":" + HI + "}",
                        400,
                        "model"),
                new Row(
                        "model with a newline",
                        "/v1/chat/completions",
                        "application/json",
                        "{\"model\":\"emu/emulator-1\\nx-injected: 1\",\"messages\":" + HI + "}",
                        400,
                        "model"),
                new Row(
                        "azure/.. path trick",
                        "/v1/chat/completions",
                        "application/json",
                        "{\"model\":\"azure/..\",\"messages\":" + HI + "}",
                        400,
                        "model"),
                new Row(
                        "dot segments in the model",
                        "/v1/chat/completions",
                        "application/json",
                        "{\"model\":\"emu/../../v1/models\",\"messages\":" + HI + "}",
                        400,
                        "model"),
                new Row(
                        "thinking.budget_tokens 3e9",
                        "/v1/chat/completions",
                        "application/json",
                        chat(",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":3000000000}"),
                        400,
                        "thinking.budget_tokens"),
                new Row(
                        "thinking.budget_tokens 3e9 (Messages API)",
                        "/v1/messages",
                        "application/json",
                        "{\"model\":\"emu/emulator-1\",\"max_tokens\":10,\"messages\":" + HI
                                + ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":3000000000}}",
                        400,
                        "thinking.budget_tokens"),
                new Row(
                        "seed past a long",
                        "/v1/chat/completions",
                        "application/json",
                        chat(",\"seed\":99999999999999999999999"),
                        400,
                        "seed"),
                new Row(
                        "max_tokens past an int",
                        "/v1/chat/completions",
                        "application/json",
                        chat(",\"max_tokens\":3000000000"),
                        400,
                        "max_tokens"),
                new Row(
                        "user of 1 MB",
                        "/v1/chat/completions",
                        "application/json",
                        chat(",\"user\":\"" + "u".repeat(1_000_000) + "\""),
                        400,
                        "user"),
                new Row(
                        "metadata value of 10 KB",
                        "/v1/chat/completions",
                        "application/json",
                        chat(",\"metadata\":{\"k\":\"" + "v".repeat(10_000) + "\"}"),
                        400,
                        "metadata.k"),
                new Row(
                        "gs:// image not allow-listed",
                        "/v1/chat/completions",
                        "application/json",
                        "{\"model\":\"emu/emulator-1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                                + "\"image_url\":{\"url\":\"gs://someone-elses-bucket/x.png\"}}]}]}",
                        400,
                        "messages[0].content[0]"),
                new Row(
                        "JSON nested 100,000 deep",
                        "/v1/chat/completions",
                        "application/json",
                        chat(",\"metadata\":" + "[".repeat(100_000) + "]".repeat(100_000)),
                        400,
                        null));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void hostileRow(Row row) throws Exception {
        int before = emulator.requests().size();
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(server.uri(row.path()))
                        .timeout(Duration.ofSeconds(30))
                        .header("content-type", row.contentType())
                        .POST(HttpRequest.BodyPublishers.ofString(row.body()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(row.status());
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        if (row.param() != null && row.path().equals("/v1/chat/completions")) {
            assertThat(error.path("param").asText()).isEqualTo(row.param());
        }
        if (row.param() != null) assertThat(error.path("message").asText()).contains(row.param());
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        // nothing the caller sent comes back in a header; no header line grows with the input
        r.headers()
                .map()
                .forEach((name, values) ->
                        values.forEach(v -> assertThat(v.length()).as(name).isLessThan(300)));
        assertThat(emulator.requests().size())
                .as("no upstream call, no key spent")
                .isEqualTo(before);
    }

    @Order(2)
    @Test
    void anInsaneRequestIdIsReplacedNotEchoed() throws Exception {
        HttpResponse<String> r = post("/v1/chat/completions", chat(""), Map.of("x-request-id", "r".repeat(5_000)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-request-id"))
                .get()
                .asString()
                .startsWith("req_")
                .hasSizeLessThan(64);
    }

    @Order(3)
    @Test
    void theMostOfEveryCallerFieldStillMakesCostLinesUnder8Kb() throws Exception {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 30; i++) tags.add(("t" + i + "\"\\").repeat(30).substring(0, 100));
        String model = "emu/emulator-" + "x".repeat(256 - "emu/emulator-".length());
        HttpResponse<String> r = post(
                "/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"messages\":" + HI + ",\"user\":\"" + "\u00fc".repeat(256)
                        + "\",\"metadata\":{\"k\":\"" + "v".repeat(512) + "\"}}",
                Map.of(
                        "x-switchboard-tags",
                        String.join(",", tags),
                        "x-request-id",
                        "r".repeat(128),
                        "x-cloud-trace-context",
                        "4bf92f3577b34da6a3ce929d0e0e4736/1;o=1" + "x".repeat(4000)));
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 599);
        assertThat(costLines())
                .isNotEmpty()
                .allSatisfy(line ->
                        assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThan(8 * 1024));
        assertThat(costLines()).anyMatch(line -> line.contains("\"request_id\":\"" + "r".repeat(128) + "\""));
    }

    @Order(4)
    @Test
    void anUpstreamEchoingTheKeyReachesNeitherCallerNorLog() throws Exception {
        HttpResponse<String> r =
                post("/v1/chat/completions", "{\"model\":\"leaky/gpt-x\",\"messages\":" + HI + "}", Map.of());
        // the upstream refused the gateway's own key: a 502 for the caller, whose key is not at fault
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body())
                .contains("Incorrect API key provided")
                .contains("[redacted]")
                .doesNotContain(SECRET);
    }

    /**
     * 12 concurrent 9 MB bodies of small messages on a 256 MB heap: each gets a clean answer (served, or 413/429/503
     * with Retry-After), the process survives, no OutOfMemoryError.
     */
    @Order(5)
    @Test
    void twelveConcurrentNineMegabyteBodiesDoNotRunTheHeapOut() throws Exception {
        StringBuilder sb = new StringBuilder(9 * 1024 * 1024 + 100).append("{\"model\":\"emu-route\",\"messages\":[");
        String message = "{\"role\":\"user\",\"content\":\"hi\"},";
        while (sb.length() < 9 * 1024 * 1024 - 100) sb.append(message);
        sb.append("{\"role\":\"user\",\"content\":\"last\"}]}");
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (int i = 0; i < 12; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return client.send(
                            HttpRequest.newBuilder(server.uri("/v1/chat/completions"))
                                    .timeout(Duration.ofSeconds(120))
                                    .header("content-type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                }));
            }
            go.countDown();
            int served = 0;
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(r.body()).isIn(200, 413, 429, 503);
                if (r.statusCode() == 200) served++;
                else
                    assertThat(JSON.readTree(r.body())
                                    .path("error")
                                    .path("message")
                                    .asText())
                            .isNotEmpty();
                if (r.statusCode() == 429 || r.statusCode() == 503)
                    assertThat(r.headers().firstValue("retry-after")).isPresent();
            }
            assertThat(served).as("admission lets some through").isPositive();
        }
        assertThat(post("/v1/chat/completions", chat(""), Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(server.output()).doesNotContain("OutOfMemoryError");
    }

    /** A client that hangs up mid-stream: the attempt is recorded as client_cancelled, and the log holds no ERROR. */
    @Order(6)
    @Test
    void aClientHangingUpMidStreamIsOneQuietLineAndARecord() throws Exception {
        String body = "{\"model\":\"emu/emulator-gap1500\",\"stream\":true,\"messages\":" + HI + "}";
        try (java.net.Socket socket = new java.net.Socket(
                InetAddress.getLoopbackAddress(), server.uri("/").getPort())) {
            socket.getOutputStream()
                    .write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                                    + "content-type: application/json\r\nx-request-id: req-hangs-up\r\ncontent-length: "
                                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.contains("data:"); line = in.readLine()) {
                // headers, then the first frame
            }
        }
        // the record is written as the stream closes, the INFO line just after it: wait for both (CI once read the
        // output between the two)
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((costLines().stream().noneMatch(l -> l.contains("req-hangs-up"))
                        || !server.output().contains("client disconnected mid-stream"))
                && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(costLines())
                .filteredOn(l -> l.contains("\"request_id\":\"req-hangs-up\""))
                .singleElement()
                .asString()
                .contains("\"outcome\":\"client_cancelled\"");
        assertThat(server.output())
                .doesNotContain(" ERROR ")
                .doesNotContain("HttpClosedException")
                .contains("client disconnected mid-stream");
    }

    /** Runs last: everything the process wrote, DEBUG included, for the key's value. */
    @Order(100)
    @Test
    void theConfiguredKeyIsInNoLogLine() throws Exception {
        String all = server.output();
        assertThat(all).contains("provider 'leaky' (openai-compatible): ready");
        assertThat(all).doesNotContain(SECRET).doesNotContain(SECRET.substring(0, 16));
    }

    private static HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> costLines() throws IOException {
        return server.output()
                .lines()
                .filter(l -> l.startsWith("{") && l.contains("\"price_version\""))
                .toList();
    }
}
