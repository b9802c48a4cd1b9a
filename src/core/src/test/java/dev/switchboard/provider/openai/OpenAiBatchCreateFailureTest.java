package dev.switchboard.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeRequest;
import dev.switchboard.core.spi.ProviderSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch create that fails after the input file was uploaded: the file is deleted (no orphan), unless the batch
 * turns out to exist after all (its answer was lost), in which case it is adopted. A scripted server plays OpenAI,
 * since the emulator does not fail a well-formed create.
 */
class OpenAiBatchCreateFailureTest {
    private HttpServer server;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    /** Uploads succeed, creates fail with 500, listing shows {@code listed} (a JSON array body). */
    private NativeBatchApi api(String listed) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            String call = ex.getRequestMethod() + " " + ex.getRequestURI();
            calls.add(call);
            if (call.equals("POST /v1/files")) {
                reply(ex, 200, "{\"id\":\"file-up\",\"object\":\"file\",\"purpose\":\"batch\"}");
            } else if (call.equals("POST /v1/batches")) {
                reply(ex, 500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}");
            } else if (call.startsWith("GET /v1/batches")) {
                reply(ex, 200, "{\"object\":\"list\",\"data\":" + listed + ",\"has_more\":false}");
            } else if (call.equals("DELETE /v1/files/file-up")) {
                reply(ex, 200, "{\"id\":\"file-up\",\"deleted\":true}");
            } else {
                reply(ex, 404, "{\"error\":{\"message\":\"no route\"}}");
            }
        });
        server.start();
        return OpenAiProviderFactory.openAi()
                .create(ProviderSettings.builder("openai", "openai")
                        .apiKey("sk-test")
                        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                        .build())
                .nativeBatch()
                .orElseThrow();
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("content-type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static List<NativeRequest> oneLine() {
        return List.of(new NativeRequest(
                "l1",
                ChatRequest.builder()
                        .model("gpt-4o-mini")
                        .messages(List.of(Message.user("hi")))
                        .build()));
    }

    @Test
    void aFailedCreateDeletesTheUploadedFile() throws IOException {
        NativeBatchApi api = api("[]");
        assertThatThrownBy(() -> api.create("batch_x", oneLine()))
                .isInstanceOf(UpstreamError.class)
                .hasMessageContaining("server had an error");
        assertThat(calls)
                .containsExactly(
                        "POST /v1/files", "POST /v1/batches", "GET /v1/batches?limit=100", "DELETE /v1/files/file-up");
    }

    @Test
    void aBatchCreatedDespiteTheFailedAnswerIsAdoptedAndItsFileKept() throws IOException {
        NativeBatchApi api = api("[{\"id\":\"batch_lost\",\"object\":\"batch\",\"status\":\"validating\","
                + "\"input_file_id\":\"file-up\",\"metadata\":{\"switchboard_job\":\"batch_x\"},"
                + "\"request_counts\":{\"total\":0,\"completed\":0,\"failed\":0}}]");
        NativeJob job = api.create("batch_x", oneLine());
        assertThat(job.providerJobId()).isEqualTo("batch_lost");
        assertThat(job.jobId()).isEqualTo("batch_x");
        assertThat(job.state()).isEqualTo(NativeJob.State.PENDING);
        assertThat(calls).doesNotContain("DELETE /v1/files/file-up");
    }
}
