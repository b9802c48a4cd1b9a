package dev.switchboard.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.NotConfigured;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class GeminiProviderTest {

    @Test
    void listsGenerateContentModelsAcrossPages() throws IOException {
        List<String> queries = new CopyOnWriteArrayList<>();
        List<String> keys = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getRawQuery();
                queries.add(exchange.getRequestURI().getPath() + "?" + query);
                keys.add(exchange.getRequestHeaders().getFirst("x-goog-api-key"));
                String body = query.contains("pageToken=p2") ? """
                          {"models":[{"name":"models/gemini-2.5-pro","displayName":"Gemini 2.5 Pro",
                            "supportedGenerationMethods":["generateContent","countTokens"]}]}""" : """
                          {"models":[
                            {"name":"models/gemini-2.5-flash","inputTokenLimit":1048576,"outputTokenLimit":65536,
                             "supportedGenerationMethods":["generateContent","createCachedContent"]},
                            {"name":"models/text-embedding-004","supportedGenerationMethods":["embedContent"]}],
                           "nextPageToken":"p2"}""";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        try {
            ChatProvider provider = new GeminiProviderFactory()
                    .create(ProviderSettings.builder("g", "gemini")
                            .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                            .apiKey("k-123")
                            .build());
            List<ModelInfo> models = provider.listModels();
            assertThat(models).extracting(ModelInfo::id).containsExactly("gemini-2.5-flash", "gemini-2.5-pro");
            assertThat(models.get(0).contextWindow()).isEqualTo(1048576);
            assertThat(models.get(0).maxOutputTokens()).isEqualTo(65536);
            assertThat(queries)
                    .containsExactly("/v1beta/models?pageSize=1000", "/v1beta/models?pageSize=1000&pageToken=p2");
            assertThat(keys).containsOnly("k-123");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutAKeyTheProviderIsUnavailable() {
        ChatProvider provider = new GeminiProviderFactory()
                .create(ProviderSettings.builder("g", "gemini").build());
        assertThat(provider.unavailableReason()).contains("no API key");
        ChatRequest request = ChatRequest.builder()
                .model("gemini-2.5-flash")
                .messages(Message.user("hi"))
                .build();
        assertThatThrownBy(() -> provider.chat(request, CallOptions.DEFAULT)).isInstanceOf(NotConfigured.class);
    }

    @Test
    void urls() {
        GeminiConfig plain = new GeminiConfig(null, "k");
        assertThat(plain.generateUri("gemini-2.5-flash"))
                .isEqualTo(URI.create(
                        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"));
        GeminiConfig versioned = new GeminiConfig(URI.create("https://proxy.example/google/v1beta/"), "k");
        assertThat(versioned.streamUri("tunedModels/my-model"))
                .isEqualTo(URI.create(
                        "https://proxy.example/google/v1beta/tunedModels/my-model:streamGenerateContent?alt=sse"));
        assertThatThrownBy(() -> plain.generateUri("gemini?key=x")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> plain.generateUri("../admin")).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void factoryValidation() {
        GeminiProviderFactory factory = new GeminiProviderFactory();
        assertThat(factory.type()).isEqualTo("gemini");
        assertThat(factory.validate(ProviderSettings.builder("g", "gemini")
                        .baseUrl("localhost")
                        .build()))
                .singleElement()
                .asString()
                .startsWith("base-url:");
        assertThat(factory.validate(ProviderSettings.builder("g", "gemini").build()))
                .isEmpty();
    }
}
