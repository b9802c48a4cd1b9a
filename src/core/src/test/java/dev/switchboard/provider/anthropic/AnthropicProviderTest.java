package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AnthropicProviderTest {

    @Test
    void listModelsFollowsPagination() throws IOException {
        List<String> queries = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/models", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getQuery();
                queries.add(query + " key=" + exchange.getRequestHeaders().getFirst("x-api-key") + " version="
                        + exchange.getRequestHeaders().getFirst("anthropic-version"));
                String body = query.contains("after_id=claude-b")
                        ? "{\"data\":[{\"type\":\"model\",\"id\":\"claude-c\",\"display_name\":\"Claude C\","
                                + "\"created_at\":\"2025-01-01T00:00:00Z\",\"max_input_tokens\":200000,\"max_tokens\":64000}],"
                                + "\"has_more\":false,\"first_id\":\"claude-c\",\"last_id\":\"claude-c\"}"
                        : "{\"data\":[{\"type\":\"model\",\"id\":\"claude-a\",\"display_name\":\"Claude A\","
                                + "\"created_at\":\"2024-02-29T00:00:00Z\"},{\"id\":\"claude-b\",\"created_at\":\"not a date\"}],"
                                + "\"has_more\":true,\"first_id\":\"claude-a\",\"last_id\":\"claude-b\"}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            ChatProvider provider =
                    new AnthropicProvider("claude", AnthropicConfig.of(base, "k-1"), Map.of(), Duration.ofSeconds(5));
            List<ModelInfo> models = provider.listModels();
            assertThat(models).extracting(ModelInfo::id).containsExactly("claude-a", "claude-b", "claude-c");
            assertThat(models.get(0))
                    .isEqualTo(new ModelInfo(
                            "claude-a", "Claude A", "anthropic", Instant.parse("2024-02-29T00:00:00Z"), null, null));
            assertThat(models.get(1).created()).isNull();
            assertThat(models.get(2).contextWindow()).isEqualTo(200000);
            assertThat(models.get(2).maxOutputTokens()).isEqualTo(64000);
            assertThat(queries)
                    .containsExactly(
                            "limit=1000 key=k-1 version=2023-06-01",
                            "limit=1000&after_id=claude-b key=k-1 version=2023-06-01");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aMissingKeyMakesTheProviderUnavailable() {
        AnthropicProviderFactory factory = new AnthropicProviderFactory();
        ChatProvider none =
                factory.create(ProviderSettings.builder("claude", "anthropic").build());
        assertThat(none.unavailableReason()).contains("claude").contains("api-key");
        ChatProvider some = factory.create(
                ProviderSettings.builder("claude", "anthropic").apiKey("k").build());
        assertThat(some.unavailableReason()).isNull();
        assertThat(some.type()).isEqualTo("anthropic");
        assertThat(some.id()).isEqualTo("claude");
    }

    @Test
    void factoryValidatesTheBaseUrl() {
        AnthropicProviderFactory factory = new AnthropicProviderFactory();
        assertThat(factory.type()).isEqualTo("anthropic");
        assertThat(factory.validate(ProviderSettings.builder("c", "anthropic").build()))
                .isEmpty();
        assertThat(factory.validate(ProviderSettings.builder("c", "anthropic")
                        .baseUrl("https://proxy.example/anthropic")
                        .build()))
                .isEmpty();
        assertThat(factory.validate(ProviderSettings.builder("c", "anthropic")
                        .baseUrl("proxy.example")
                        .build()))
                .singleElement()
                .asString()
                .startsWith("base-url:");
        assertThat(factory.validate(ProviderSettings.builder("c", "anthropic")
                        .baseUrl("ftp://proxy.example")
                        .build()))
                .hasSize(1);
    }

    @Test
    void urlsAndHeaders() {
        assertThat(AnthropicConfig.of(null, "k").messagesUri()).hasToString("https://api.anthropic.com/v1/messages");
        assertThat(AnthropicConfig.of(URI.create("https://gw.example/v1/"), "k").messagesUri())
                .hasToString("https://gw.example/v1/messages");
        assertThat(AnthropicConfig.of(URI.create("https://gw.example/anthropic"), "k")
                        .modelsUri("a b"))
                .hasToString("https://gw.example/anthropic/v1/models?limit=1000&after_id=a+b");
        AnthropicConfig config = AnthropicConfig.of(null, "sk-ant-secret");
        assertThat(config.headers())
                .containsEntry("x-api-key", "sk-ant-secret")
                .containsEntry("anthropic-version", "2023-06-01");
        assertThat(config.toString()).doesNotContain("secret");
        assertThat(AnthropicConfig.of(null, null).headers()).doesNotContainKey("x-api-key");
    }
}
