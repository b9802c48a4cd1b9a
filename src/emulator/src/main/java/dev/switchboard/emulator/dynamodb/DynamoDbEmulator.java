package dev.switchboard.emulator.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A wire-level DynamoDB on 127.0.0.1 for the operations the Switchboard stores use: the JSON 1.0 protocol
 * ({@code POST /}, {@code X-Amz-Target: DynamoDB_20120810.<Operation>}) serving CreateTable, GetItem, PutItem,
 * UpdateItem, DeleteItem, Query and TransactWriteItems, with real condition/update expression evaluation
 * ({@link Expression}). Signatures are not verified. State is in memory; TTL is not applied (DynamoDB's own
 * expiry is lazy, so correct clients never depend on it).
 *
 * <pre>{@code
 * try (DynamoDbEmulator ddb = DynamoDbEmulator.start()) {
 *     DynamoDbClient c = DynamoDbClient.builder().endpointOverride(ddb.endpoint())...build();
 * }
 * }</pre>
 */
public final class DynamoDbEmulator implements AutoCloseable {

    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final String ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final DynamoDbTables tables = new DynamoDbTables(json);

    private DynamoDbEmulator(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on a free loopback port. */
    public static DynamoDbEmulator start() throws IOException {
        // headers and body are separate writes: without TCP_NODELAY each answer waits out a delayed ACK (~40 ms)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        DynamoDbEmulator emulator = new DynamoDbEmulator(server, executor);
        server.createContext("/", emulator::serve);
        server.start();
        return emulator;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Runs one operation directly (the same path as over HTTP), e.g. for emulator tests. */
    public JsonNode call(String operation, JsonNode request) {
        return tables.handle(operation, request);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            int status = 200;
            ObjectNode body;
            try {
                if (!"POST".equals(exchange.getRequestMethod())
                        || target == null
                        || !target.startsWith(TARGET_PREFIX)) {
                    throw new DynamoDbTables.Failure(
                            "UnknownOperationException",
                            "expected POST with X-Amz-Target " + TARGET_PREFIX + "<Operation>");
                }
                JsonNode request = json.readTree(in);
                body = tables.handle(target.substring(TARGET_PREFIX.length()), request);
            } catch (DynamoDbTables.Failure f) {
                status = 400;
                body = error(f.type, f.getMessage());
                if (f.extra != null) {
                    body.setAll(f.extra);
                }
            } catch (Expression.Invalid e) {
                status = 400;
                body = error("ValidationException", e.getMessage());
            } catch (IOException | RuntimeException e) {
                status = 500;
                body = error("InternalServerError", String.valueOf(e));
            }
            byte[] bytes = json.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders()
                    .set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private ObjectNode error(String type, String message) {
        ObjectNode o = json.createObjectNode();
        o.put("__type", ERROR_PREFIX + type);
        o.put("message", message);
        return o;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
