package dev.switchboard.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

class BedrockSdkJsonTest {

    @Test
    void aConverseRequestSurvivesTheRoundTripThroughItsJsonBody() {
        String png = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        ChatRequest request = ChatRequest.builder()
                .model("us.amazon.nova-pro-v1:0")
                .messages(List.of(
                        Message.system("Be brief."),
                        new Message(
                                Role.USER,
                                List.of(
                                        new ContentPart.Text("what is this?"),
                                        new ContentPart.Image(
                                                new ContentPart.ImageSource.Inline("image/png", png), null)))))
                .tools(List.of(new ToolSpec(
                        "lookup",
                        "Looks up",
                        Json.parse("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}"),
                        null)))
                .temperature(0.5)
                .maxTokens(100)
                .build();
        ConverseRequest converse = BedrockRequestMapping.toConverse(request);
        JsonNode body = BedrockSdkJson.write(converse);
        assertThat(body.has("modelId")).as("a path member, not a body member").isFalse();
        assertThat(body.at("/messages/0/content/1/image/format").asText()).isEqualTo("png");
        assertThat(body.at("/messages/0/content/1/image/source/bytes").asText()).isEqualTo(png);
        assertThat(body.at("/inferenceConfig/temperature").asDouble()).isEqualTo(0.5);
        assertThat(body.at("/toolConfig/tools/0/toolSpec/inputSchema/json/properties/q/type")
                        .asText())
                .isEqualTo("string");
        ConverseRequest back = BedrockSdkJson.read(body, ConverseRequest.builder())
                .modelId(converse.modelId())
                .build();
        assertThat(back).isEqualTo(converse);
    }

    @Test
    void aConverseAnswerIsReadIntoTheSdkResponse() {
        JsonNode answer = Json.parse("""
                {"output":{"message":{"role":"assistant","content":[{"text":"Hi"},
                  {"toolUse":{"toolUseId":"t1","name":"lookup","input":{"q":"x"}}}]}},
                 "stopReason":"tool_use","usage":{"inputTokens":7,"outputTokens":5,"totalTokens":12},
                 "metrics":{"latencyMs":120},"somethingNew":{"a":1}}""");
        ConverseResponse r =
                BedrockSdkJson.read(answer, ConverseResponse.builder()).build();
        assertThat(r.output().message().content().getFirst().text()).isEqualTo("Hi");
        assertThat(r.output().message().content().get(1).toolUse().name()).isEqualTo("lookup");
        assertThat(r.usage().totalTokens()).isEqualTo(12);
        assertThat(r.metrics().latencyMs()).isEqualTo(120L);
        var mapped = BedrockResponseMapping.fromConverse(r);
        assertThat(mapped.text()).isEqualTo("Hi");
        assertThat(mapped.usage().outputTokens()).isEqualTo(5L);
    }
}
