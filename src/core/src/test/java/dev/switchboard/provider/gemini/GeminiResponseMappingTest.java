package dev.switchboard.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Usage;
import org.junit.jupiter.api.Test;

class GeminiResponseMappingTest {

    @Test
    void aTextSignatureIsKeptOnTheReasoningBeforeIt() {
        ChatResponse r = GeminiResponseMapping.fromWire(Json.parse("""
                {"candidates":[{"content":{"parts":[{"text":"hmm","thought":true},{"text":"Hi","thoughtSignature":"c2ln"}]},
                 "finishReason":"STOP"}]}"""));
        assertThat(r.message().content())
                .containsExactly(new ContentPart.Reasoning("hmm", "c2ln", null), new ContentPart.Text("Hi"));

        ChatResponse noThought = GeminiResponseMapping.fromWire(Json.parse("""
                {"candidates":[{"content":{"parts":[{"text":"OK","thoughtSignature":"c2ln"}]},"finishReason":"STOP"}]}"""));
        assertThat(noThought.text()).isEqualTo("OK");
        assertThat(noThought.reasoningText()).isNull();
        assertThat(noThought.message().reasoning()).containsExactly(new ContentPart.Reasoning(null, "c2ln", null));
    }

    @Test
    void finishReasons() {
        assertThat(GeminiResponseMapping.finishReason("SAFETY", false)).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(GeminiResponseMapping.finishReason("SPII", false)).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(GeminiResponseMapping.finishReason("MALFORMED_FUNCTION_CALL", true))
                .isEqualTo(FinishReason.UNKNOWN);
        assertThat(GeminiResponseMapping.finishReason("STOP", true)).isEqualTo(FinishReason.TOOL_CALLS);

        ChatResponse blocked = GeminiResponseMapping.fromWire(Json.parse("""
                {"promptFeedback": {"blockReason": "SAFETY"}, "usageMetadata": {"promptTokenCount": 7}}
                """));
        assertThat(blocked.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(blocked.providerFinishReason()).isEqualTo("SAFETY");
        assertThat(blocked.usage()).isEqualTo(new Usage(7L, null, null, null, null));

        ChatResponse other = GeminiResponseMapping.fromWire(Json.parse("""
                {"candidates": [{"content": {"parts": [{"text": "x"}]}, "finishReason": "OTHER"}]}
                """));
        assertThat(other.finishReason()).isEqualTo(FinishReason.UNKNOWN);
        assertThat(other.providerFinishReason()).isEqualTo("OTHER");
    }

    @Test
    void integralArgumentsStayIntegers() {
        assertThat(GeminiResponseMapping.argumentsText(Json.parse("{\"n\":3.0,\"x\":2.5,\"l\":[1.0,{\"k\":-4.00}]}")))
                .isEqualTo("{\"n\":3,\"x\":2.5,\"l\":[1,{\"k\":-4}]}");
    }

    @Test
    void usageInOpenAiConventions() {
        assertThat(GeminiResponseMapping.usage(Json.parse("""
                {
                    "promptTokenCount": 10,
                    "candidatesTokenCount": 5,
                    "thoughtsTokenCount": 7,
                    "cachedContentTokenCount": 4
                }
                """))).isEqualTo(new Usage(10L, 12L, 4L, null, 7L));
        assertThat(GeminiResponseMapping.usage(Json.parse("{\"trafficType\":\"ON_DEMAND\"}")))
                .isEqualTo(Usage.NOT_REPORTED);
    }
}
