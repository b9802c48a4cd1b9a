package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.ConformanceCase;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.frontend.anthropic.AnthropicRequestReader;
import dev.switchboard.core.frontend.openai.OpenAiRequestReader;
import dev.switchboard.core.model.ChatRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Requests from other front doors reach the Anthropic adapter too (routes, fallbacks). */
class AnthropicCrossFrontDoorTest {

    /**
     * Every recorded OpenAI chat request, read by the OpenAI front door, either maps to a Messages body or is a 400
     * naming the one parameter Anthropic cannot honor. Nothing else (no crash, no silent drop of a parameter).
     */
    @TestFactory
    Stream<DynamicTest> openAiRequestsMapOrAreRejectedByName() {
        return ConformanceCase.load("openai").stream()
                .filter(c -> c.api().equals("chat.completions") && c.requestBody() != null)
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    ChatRequest request =
                            OpenAiRequestReader.read(c.requestBody()).request();
                    try {
                        JsonNode body = AnthropicMapping.toWire(request, false);
                        assertThat(body.get("max_tokens").asInt()).isPositive();
                        assertThat(body.get("messages")).isNotEmpty();
                    } catch (InvalidRequest e) {
                        assertThat(e.param()).as(e.getMessage()).isNotBlank();
                        assertThat(e.getMessage()).contains(e.param().replaceAll("\\[.*", ""));
                    }
                }));
    }

    @Test
    void theFrontDoorAndTheAdapterNameDefinedToolsAlike() {
        assertThat(AnthropicRequestReader.DEFINED_TOOLS).isEqualTo(AnthropicExtensions.DEFINED_TOOLS);
    }
}
