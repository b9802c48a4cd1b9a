package dev.switchboard.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.json.Json;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderSettings;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** An emulator with its OpenAI batch controls, and OpenAI / Azure OpenAI providers pointed at it. */
final class EmulatedBatchApi implements AutoCloseable {
    static final String AZURE_API_VERSION = "2024-10-21";

    final Emulator emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc());
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Batches complete only when a test says so (the emulator's default completes them after two polls). */
    EmulatedBatchApi manualCompletion() {
        admin("POST", "/_emulator/openai/batches/settings?finish-after-gets=0");
        return this;
    }

    ChatProvider openAi(Map<String, String> batch) {
        return OpenAiProviderFactory.openAi()
                .create(ProviderSettings.builder("openai", "openai")
                        .apiKey("sk-emulator")
                        .baseUrl(emulator.httpBaseUri() + "/v1")
                        .batch(batch)
                        .build());
    }

    ChatProvider azure(Map<String, String> batch) {
        return OpenAiProviderFactory.azure()
                .create(ProviderSettings.builder("azure", "azure-openai")
                        .apiKey("azure-key")
                        .baseUrl(emulator.httpBaseUri())
                        .apiVersion(AZURE_API_VERSION)
                        .batch(batch)
                        .build());
    }

    static NativeBatchApi batchApi(ChatProvider provider) {
        return provider.nativeBatch().orElseThrow();
    }

    void finish(String batchId) {
        admin("POST", "/_emulator/openai/batches/" + batchId + "/finish");
    }

    void expireAfter(String batchId, int answered) {
        admin("POST", "/_emulator/openai/batches/" + batchId + "/expire?after=" + answered);
    }

    int batchCount() {
        return Json.parse(admin("GET", "/_emulator/openai/batches/count"))
                .path("count")
                .asInt();
    }

    /** A file's content as the emulator holds it (OpenAI's surface serves Azure's files too). */
    String fileContent(String fileId) {
        return admin("GET", "/v1/files/" + fileId + "/content");
    }

    String admin(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.httpBaseUri() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        emulator.close();
    }
}
