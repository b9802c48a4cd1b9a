package dev.switchboard.aws.priming;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * A loopback upstream for SnapStart priming: one fixed, well-formed answer per wire protocol the Lambda package
 * speaks (OpenAI chat, Anthropic messages, Gemini generateContent, Bedrock Converse), streamed or whole. It exists
 * only while priming runs. It records the credentials it is sent, so a test can check that priming carries none
 * but its own made-up ones.
 */
final class PrimingUpstream implements AutoCloseable {
    private static final String OPENAI = "{\"id\":\"chatcmpl-priming\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"priming\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
    private static final String OPENAI_CHUNK = "{\"id\":\"chatcmpl-priming\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1,\"model\":\"priming\",\"choices\":[%s]%s}";
    private static final String ANTHROPIC = "{\"id\":\"msg_priming\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"priming\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\","
            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";
    private static final String GEMINI =
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"ok\"}]},"
                    + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,"
                    + "\"candidatesTokenCount\":1,\"totalTokenCount\":4},\"modelVersion\":\"priming\"}";
    private static final String BEDROCK =
            "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"ok\"}]}},"
                    + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":3,\"outputTokens\":1,\"totalTokens\":4},"
                    + "\"metrics\":{\"latencyMs\":1}}";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Set<String> credentials = ConcurrentHashMap.newKeySet();

    private PrimingUpstream(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static PrimingUpstream start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        PrimingUpstream upstream = new PrimingUpstream(server, executor);
        server.createContext("/", upstream::handle);
        server.setExecutor(executor);
        server.start();
        return upstream;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every Authorization, x-api-key, x-goog-api-key, x-amz-security-token value received (of a SigV4 Authorization: its access key id). */
    Set<String> credentialsSeen() {
        return Set.copyOf(credentials);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            for (String h : new String[] {"Authorization", "x-api-key", "x-goog-api-key", "x-amz-security-token"}) {
                String v = ex.getRequestHeaders().getFirst(h);
                if (v != null)
                    credentials.add(v.contains("Credential=") ? v.replaceAll(".*Credential=([^/]*)/.*", "$1") : v);
            }
            String path = ex.getRequestURI().getPath();
            boolean stream =
                    new String(body, StandardCharsets.UTF_8).replace(" ", "").contains("\"stream\":true");
            if (path.endsWith("/chat/completions")) {
                if (stream) sse(ex, openAiStream());
                else json(ex, OPENAI);
            } else if (path.endsWith("/messages")) {
                if (stream) sse(ex, anthropicStream());
                else json(ex, ANTHROPIC);
            } else if (path.endsWith(":streamGenerateContent")) {
                sse(ex, "data: " + GEMINI + "\r\n\r\n");
            } else if (path.endsWith(":generateContent")) {
                json(ex, GEMINI);
            } else if (path.endsWith("/converse-stream")) {
                send(ex, "application/vnd.amazon.eventstream", bedrockStream());
            } else if (path.endsWith("/converse")) {
                json(ex, BEDROCK);
            } else {
                ex.sendResponseHeaders(404, -1);
            }
        }
    }

    private static String openAiStream() {
        return "data: "
                + OPENAI_CHUNK.formatted(
                        "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":null}",
                        "")
                + "\n\n"
                + "data: " + OPENAI_CHUNK.formatted("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}", "")
                + "\n\n"
                + "data: "
                + OPENAI_CHUNK.formatted(
                        "", ",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}")
                + "\n\n"
                + "data: [DONE]\n\n";
    }

    private static String anthropicStream() {
        return event(
                        "message_start",
                        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_priming\",\"type\":\"message\","
                                + "\"role\":\"assistant\",\"model\":\"priming\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}")
                + event(
                        "content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                + event(
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"ok\"}}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + event(
                        "message_delta",
                        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                                + "\"usage\":{\"output_tokens\":1}}")
                + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static byte[] bedrockStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, "messageStart", "{\"role\":\"assistant\"}");
        frame(out, "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"ok\"}}");
        frame(out, "contentBlockStop", "{\"contentBlockIndex\":0}");
        frame(out, "messageStop", "{\"stopReason\":\"end_turn\"}");
        frame(
                out,
                "metadata",
                "{\"usage\":{\"inputTokens\":3,\"outputTokens\":1,\"totalTokens\":4},\"metrics\":{\"latencyMs\":1}}");
        return out.toByteArray();
    }

    private static void frame(ByteArrayOutputStream out, String type, String json) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        ByteBuffer b = new Message(headers, json.getBytes(StandardCharsets.UTF_8)).toByteBuffer();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        out.writeBytes(bytes);
    }

    private static void json(HttpExchange ex, String body) throws IOException {
        send(ex, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void sse(HttpExchange ex, String body) throws IOException {
        send(ex, "text/event-stream", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("content-type", type);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops listening and closes every connection, so none is left in the snapshot. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
