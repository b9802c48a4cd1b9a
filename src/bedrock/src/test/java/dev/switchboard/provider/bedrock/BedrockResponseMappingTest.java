package dev.switchboard.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Usage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

class BedrockResponseMappingTest {

    @Test
    void contentBlocksBecomeParts() {
        ConverseResponse r = ConverseResponse.builder()
                .output(ConverseOutput.fromMessage(Message.builder()
                        .role(ConversationRole.ASSISTANT)
                        .content(
                                ContentBlock.fromReasoningContent(
                                        ReasoningContentBlock.fromReasoningText(ReasoningTextBlock.builder()
                                                .text("hmm")
                                                .signature("sig")
                                                .build())),
                                ContentBlock.fromReasoningContent(ReasoningContentBlock.fromRedactedContent(
                                        SdkBytes.fromByteArray(new byte[] {7}))),
                                ContentBlock.fromText("Here."),
                                ContentBlock.fromToolUse(ToolUseBlock.builder()
                                        .toolUseId("t1")
                                        .name("calc")
                                        .input(BedrockDocuments.toDocument(Json.parse("{\"x\":1.50,\"n\":[1,2]}")))
                                        .build()))
                        .build()))
                .stopReason("tool_use")
                .build();
        ChatResponse c = BedrockResponseMapping.fromConverse(r);
        assertThat(c.text()).isEqualTo("Here.");
        assertThat(c.reasoningText()).isEqualTo("hmm");
        assertThat(c.message().reasoning()).hasSize(2);
        assertThat(c.message().reasoning().get(1).redactedData()).isEqualTo("Bw==");
        assertThat(c.toolCalls()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("t1");
            assertThat(Json.parse(t.arguments()).get("x").decimalValue()).isEqualByComparingTo(new BigDecimal("1.50"));
        });
        assertThat(c.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(c.usage()).isEqualTo(Usage.NOT_REPORTED);
    }

    @Test
    void unknownStopReasonsStayVisible() {
        ConverseResponse r =
                ConverseResponse.builder().stopReason("brand_new_reason").build();
        ChatResponse c = BedrockResponseMapping.fromConverse(r);
        assertThat(c.finishReason()).isEqualTo(FinishReason.UNKNOWN);
        assertThat(c.providerFinishReason()).isEqualTo("brand_new_reason");
        assertThat(BedrockResponseMapping.fromConverse(ConverseResponse.builder()
                                .stopReason("guardrail_intervened")
                                .build())
                        .finishReason())
                .isEqualTo(FinishReason.CONTENT_FILTER);
    }

    @Test
    void usageFollowsOpenAiConventionsAndNeverInventsZeros() {
        Usage full = BedrockResponseMapping.usage(TokenUsage.builder()
                .inputTokens(2)
                .outputTokens(5)
                .cacheReadInputTokens(1322)
                .cacheWriteInputTokens(10)
                .build());
        assertThat(full).isEqualTo(new Usage(1334L, 5L, 1322L, 10L, null));
        Usage plain = BedrockResponseMapping.usage(
                TokenUsage.builder().inputTokens(13).outputTokens(69).build());
        assertThat(plain).isEqualTo(new Usage(13L, 69L, null, null, null));
        assertThat(BedrockResponseMapping.usage(null)).isEqualTo(Usage.NOT_REPORTED);
    }
}
