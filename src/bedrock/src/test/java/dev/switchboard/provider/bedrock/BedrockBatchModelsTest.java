package dev.switchboard.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ResponseFormat;
import dev.switchboard.core.model.Role;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BedrockBatchModelsTest {

    private static ChatRequest.Builder request(String model) {
        return ChatRequest.builder().model(model).messages(List.of(Message.user("hi")));
    }

    @ParameterizedTest
    @CsvSource({
        "anthropic.claude-3-5-haiku-20241022-v1:0, anthropic",
        "us.anthropic.claude-sonnet-4-20250514-v1:0, anthropic",
        "global.anthropic.claude-sonnet-4-5-20250929-v1:0, anthropic",
        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0, anthropic",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.anthropic.claude-3-haiku-20240307-v1:0, anthropic",
        "amazon.nova-pro-v1:0, amazon",
        "us.meta.llama3-2-90b-instruct-v1:0, meta",
        "mistral.mistral-large-2402-v1:0, mistral",
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6, ''"
    })
    void theVendorComesFromTheModelIdProfileOrArn(String model, String vendor) {
        assertThat(BedrockBatchModels.vendor(model)).isEqualTo(vendor);
    }

    @Test
    void vendorsWithoutABatchFormatAreUnsupportedByName() {
        assertThat(BedrockBatchModels.unsupported(
                        request("cohere.command-r-plus-v1:0").build()))
                .get()
                .asString()
                .contains("cohere");
        assertThat(BedrockBatchModels.unsupported(
                        request("anthropic.claude-3-haiku-20240307-v1:0").build()))
                .isEmpty();
        assertThat(BedrockBatchModels.format("us.meta.llama3-2-90b-instruct-v1:0"))
                .contains(BedrockBatchModels.Format.CONVERSE);
        assertThat(BedrockBatchModels.format("anthropic.claude-3-haiku-20240307-v1:0"))
                .contains(BedrockBatchModels.Format.MESSAGES);
    }

    @Test
    void featuresBedrocksClaudeBodiesLackAreNamed() {
        String claude = "anthropic.claude-3-haiku-20240307-v1:0";
        assertThat(BedrockBatchModels.unsupported(request(claude).seed(7L).build()))
                .get()
                .asString()
                .contains("seed");
        var schema = Json.object().put("type", "object");
        assertThat(BedrockBatchModels.unsupported(request(claude)
                        .responseFormat(new ResponseFormat.JsonSchema("answer", null, schema, true))
                        .build()))
                .get()
                .asString()
                .contains("structured outputs");
        var image = new Message(
                Role.USER,
                List.of(new ContentPart.Image(
                        new ContentPart.ImageSource.Url("https://example.com/a.png", null), null)));
        assertThat(BedrockBatchModels.unsupported(
                        request(claude).messages(List.of(image)).build()))
                .get()
                .asString()
                .contains("image URLs");
    }

    @Test
    void anAnswerIsReadWithTheAnthropicMapping() {
        ObjectNode output = (ObjectNode) Json.parse("""
                {"id":"msg_bdrk_1","type":"message","role":"assistant","model":"claude-3-haiku-20240307",
                 "content":[{"type":"text","text":"Hello"}],"stop_reason":"max_tokens",
                 "usage":{"input_tokens":12,"output_tokens":3,"cache_read_input_tokens":4}}""");
        ChatResponse r = BedrockBatchModels.modelOutput(output, "anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(r.text()).isEqualTo("Hello");
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(r.usage().inputTokens()).isEqualTo(16L);
        assertThat(r.usage().outputTokens()).isEqualTo(3L);
        output.remove("model");
        assertThat(BedrockBatchModels.modelOutput(output, "anthropic.claude-x").model())
                .isEqualTo("anthropic.claude-x");
    }
}
