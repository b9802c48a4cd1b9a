package dev.switchboard.aws.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lambda runtime API (2018-06-01) as Lambda serves it to a custom runtime, on loopback: {@code next} blocks until
 * {@link #invoke} queues an event, and what the runtime posts back ({@code response}, {@code error},
 * {@code init/error}) completes that invocation. {@code AWS_LAMBDA_RUNTIME_API} is {@link #address()}.
 */
final class RuntimeApiServer implements AutoCloseable {
    /** What the runtime posted for one invocation (or for init). */
    record Posted(String kind, String body, String errorType) {}

    private record Event(String id, byte[] body, Map<String, String> headers) {}

    private final HttpServer server;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Posted>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<Posted> initError = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();

    RuntimeApiServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/2018-06-01/runtime/", this::handle);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues one event with the invocation headers Lambda sends; the answer the runtime posts for it. */
    CompletableFuture<Posted> invoke(String body, Map<String, String> headers) {
        String id = "req-" + ids.incrementAndGet();
        CompletableFuture<Posted> answer = new CompletableFuture<>();
        answers.put(id, answer);
        events.add(new Event(id, body.getBytes(StandardCharsets.UTF_8), headers));
        return answer;
    }

    Posted invokeAndWait(String body, Map<String, String> headers, Duration timeout) throws Exception {
        try {
            return invoke(body, headers).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer posted within " + timeout, e);
        }
    }

    CompletableFuture<Posted> initError() {
        return initError;
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath().substring("/2018-06-01/runtime/".length());
        try (x) {
            if (path.equals("invocation/next") && x.getRequestMethod().equals("GET")) {
                Event e;
                try {
                    e = events.take();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    x.sendResponseHeaders(500, -1);
                    return;
                }
                x.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", e.id());
                e.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
                x.sendResponseHeaders(200, e.body().length);
                x.getResponseBody().write(e.body());
                return;
            }
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String errorType = x.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            if (path.equals("init/error")) {
                initError.complete(new Posted("init/error", body, errorType));
                x.sendResponseHeaders(202, -1);
                return;
            }
            String[] parts = path.split("/"); // invocation/{id}/response|error
            CompletableFuture<Posted> answer = parts.length == 3 ? answers.remove(parts[1]) : null;
            if (answer == null) {
                x.sendResponseHeaders(400, -1);
                return;
            }
            answer.complete(new Posted(parts[2], body, errorType));
            x.sendResponseHeaders(202, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
