package dev.switchboard.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ReasoningConfig;
import dev.switchboard.core.model.ResponseFormat;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolChoice;
import dev.switchboard.core.model.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiRequestMappingTest {
    /** Real signatures are opaque base64 bytes; this one exercises "+", "/" and padding. */
    private static final String SIGNATURE = "Ep++//ECA+P/4BAvq83vAQ==";

    @Test
    void aThoughtSignatureTravelsInTheToolCallIdAndComesBackOnTheCall() {
        ChatResponse answer = GeminiResponseMapping.fromWire(Json.parse("""
                {"candidates":[{"content":{"role":"model","parts":[
                  {"functionCall":{"name":"get_country","args":{}},"thoughtSignature":"%s"},
                  {"functionCall":{"name":"get_time","args":{"tz":"UTC"}}}]},"finishReason":"STOP"}]}
                """.formatted(SIGNATURE)));
        ContentPart.ToolCall signed = answer.toolCalls().get(0);
        ContentPart.ToolCall plain = answer.toolCalls().get(1);
        assertThat(signed.id())
                .startsWith("call_")
                .contains(GeminiToolCallIds.MARKER)
                .doesNotContain("+", "/", "=");
        assertThat(plain.id()).startsWith("call_").doesNotContain(GeminiToolCallIds.MARKER);

        // An OpenAI client sends back the assistant message and one tool message per call, ids only.
        ChatRequest next = ChatRequest.builder()
                .model("gemini-3-pro-preview")
                .messages(
                        Message.user("What time is it in my country?"),
                        new Message(Role.ASSISTANT, List.of(signed, plain)),
                        Message.toolResult(signed.id(), "France"),
                        Message.toolResult(plain.id(), "{\"time\":\"12:00\"}"),
                        Message.user("Thanks"))
                .build();
        JsonNode contents =
                GeminiRequestMapping.toWire(next, GeminiService.AI_STUDIO).get("contents");

        assertThat(contents).hasSize(3);
        JsonNode call = contents.get(1).get("parts").get(0);
        assertThat(call.path("thoughtSignature").asText()).isEqualTo(SIGNATURE);
        assertThat(call.path("functionCall").path("id").asText())
                .isEqualTo(GeminiToolCallIds.decode(signed.id()).callId())
                .doesNotContain(GeminiToolCallIds.MARKER);
        assertThat(contents.get(1).get("parts").get(1).has("thoughtSignature")).isFalse();

        JsonNode results = contents.get(2).get("parts");
        assertThat(contents.get(2).path("role").asText()).isEqualTo("user");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).path("functionResponse").path("name").asText())
                .isEqualTo("get_country");
        assertThat(results.get(0).path("functionResponse").path("response"))
                .isEqualTo(Json.parse("{\"output\":\"France\"}"));
        assertThat(results.get(1).path("functionResponse").path("name").asText())
                .isEqualTo("get_time");
        assertThat(results.get(1).path("functionResponse").path("response"))
                .isEqualTo(Json.parse("{\"time\":\"12:00\"}"));
        assertThat(results.get(2).path("text").asText()).isEqualTo("Thanks");
    }

    @Test
    void idsWithoutTheMarkerPassThrough() {
        assertThat(GeminiToolCallIds.decode("call_abc123"))
                .isEqualTo(new GeminiToolCallIds.Decoded("call_abc123", null));
        assertThat(GeminiToolCallIds.decode("call_x.ts1.%%%"))
                .isEqualTo(new GeminiToolCallIds.Decoded("call_x.ts1.%%%", null));
        String id = GeminiToolCallIds.encode("call_1", SIGNATURE);
        assertThat(GeminiToolCallIds.decode(id)).isEqualTo(new GeminiToolCallIds.Decoded("call_1", SIGNATURE));
    }

    @Test
    void aToolResultWithoutAMatchingCallNamesTheMessage() {
        ChatRequest request = ChatRequest.builder()
                .model("m")
                .messages(Message.user("hi"), Message.assistant("calling"), Message.toolResult("call_unknown", "x"))
                .build();
        assertThatThrownBy(() -> GeminiRequestMapping.toWire(request, GeminiService.AI_STUDIO))
                .isInstanceOf(InvalidRequest.class)
                .extracting(e -> ((InvalidRequest) e).param())
                .isEqualTo("messages[2].tool_call_id");
    }

    @Test
    void errorsAndNonObjectResultsAreWrapped() {
        assertThat(GeminiRequestMapping.toolResponse(new ContentPart.ToolResult("c", "boom", true)))
                .isEqualTo(Json.parse("{\"error\":\"boom\"}"));
        assertThat(GeminiRequestMapping.toolResponse(new ContentPart.ToolResult("c", "[1,2]")))
                .isEqualTo(Json.parse("{\"output\":\"[1,2]\"}"));
    }

    @Test
    void reasoningSignaturesGoBackOnTheFollowingPartAndThoughtTextDoesNot() {
        ChatRequest request = ChatRequest.builder()
                .model("m")
                .messages(
                        Message.user("hi"),
                        new Message(
                                Role.ASSISTANT,
                                List.of(
                                        new ContentPart.Reasoning("thinking...", SIGNATURE, null),
                                        new ContentPart.Text("Hello"))),
                        Message.user("again"))
                .build();
        JsonNode model = GeminiRequestMapping.toWire(request, GeminiService.AI_STUDIO)
                .get("contents")
                .get(1);
        assertThat(model.get("parts")).hasSize(1);
        assertThat(model.get("parts").get(0))
                .isEqualTo(Json.parse("{\"text\":\"Hello\",\"thoughtSignature\":\"" + SIGNATURE + "\"}"));
    }

    @Test
    void systemMessagesBecomeTheSystemInstructionAndImagesTheirParts() {
        ChatRequest request = ChatRequest.builder()
                .model("m")
                .messages(
                        Message.system("Be brief."),
                        new Message(Role.DEVELOPER, List.of(new ContentPart.Text("Answer in French."))),
                        new Message(
                                Role.USER,
                                List.of(
                                        new ContentPart.Text("What is this?"),
                                        ContentPart.Image.url("https://example.com/cat.PNG?x=1"),
                                        ContentPart.Image.inline("image/webp", "AAAA"))))
                .build();
        ObjectNode body = GeminiRequestMapping.toWire(request, GeminiService.AI_STUDIO);
        assertThat(body.get("systemInstruction"))
                .isEqualTo(Json.parse("{\"parts\":[{\"text\":\"Be brief.\"},{\"text\":\"Answer in French.\"}]}"));
        JsonNode parts = body.get("contents").get(0).get("parts");
        assertThat(parts.get(1)).isEqualTo(Json.parse("""
                {"fileData": {"mimeType": "image/png", "fileUri": "https://example.com/cat.PNG?x=1"}}
                """));
        assertThat(parts.get(2))
                .isEqualTo(Json.parse("{\"inlineData\":{\"mimeType\":\"image/webp\",\"data\":\"AAAA\"}}"));
    }

    @Test
    void toolsSamplingFormatAndThinking() {
        JsonNode schema = Json.parse("""
                {"type": "object", "$defs": {"A": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/A"}}}
                """);
        ChatRequest request = ChatRequest.builder()
                .model("m")
                .messages(Message.user("hi"))
                .tools(List.of(new ToolSpec("f", "does f", schema, true)))
                .toolChoice(new ToolChoice.Tool("f"))
                .temperature(3.0)
                .topP(0.9)
                .maxTokens(100)
                .stop(List.of("END"))
                .seed(7L)
                .responseFormat(new ResponseFormat.JsonSchema("out", null, schema, true))
                .reasoning(new ReasoningConfig("low", null))
                .extension("presence_penalty", Json.NODES.numberNode(0.5))
                .extension("modalities", Json.parse("[\"text\",\"image\"]"))
                .build();
        ObjectNode body = GeminiRequestMapping.toWire(request, GeminiService.AI_STUDIO);
        assertThat(body.at("/tools/0/functionDeclarations/0/parametersJsonSchema"))
                .isEqualTo(schema);
        assertThat(body.get("toolConfig"))
                .isEqualTo(
                        Json.parse("{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"f\"]}}"));
        JsonNode config = body.get("generationConfig");
        assertThat(config.get("temperature").asDouble()).isEqualTo(2.0);
        assertThat(config.get("topP").asDouble()).isEqualTo(0.9);
        assertThat(config.get("maxOutputTokens").asInt()).isEqualTo(100);
        assertThat(config.get("stopSequences")).isEqualTo(Json.parse("[\"END\"]"));
        assertThat(config.get("seed").asInt()).isEqualTo(7);
        assertThat(config.get("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.get("responseJsonSchema")).isEqualTo(schema);
        assertThat(config.get("thinkingConfig"))
                .isEqualTo(Json.parse("{\"includeThoughts\":true,\"thinkingBudget\":2048}"));
        assertThat(config.get("presencePenalty").asDouble()).isEqualTo(0.5);
        assertThat(config.get("responseModalities")).isEqualTo(Json.parse("[\"TEXT\",\"IMAGE\"]"));
    }

    @Test
    void reasoningOffIsABudgetOfZero() {
        ChatRequest request = ChatRequest.builder()
                .model("m")
                .messages(Message.user("hi"))
                .reasoning(new ReasoningConfig("none", null))
                .responseFormat(ResponseFormat.JSON_OBJECT)
                .build();
        JsonNode config =
                GeminiRequestMapping.toWire(request, GeminiService.AI_STUDIO).get("generationConfig");
        assertThat(config).isEqualTo(Json.parse("""
                {"thinkingConfig": {"thinkingBudget": 0}, "responseMimeType": "application/json"}
                """));
    }

    @Test
    void passThroughParametersGeminiDoesNotKnowAreRefusedByName() {
        ChatRequest openAiOnly = ChatRequest.builder()
                .model("m")
                .messages(Message.user("hi"))
                .extension("logit_bias", Json.object())
                .build();
        assertThatThrownBy(() -> GeminiRequestMapping.toWire(openAiOnly, GeminiService.AI_STUDIO))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("logit_bias")
                .extracting(e -> ((InvalidRequest) e).param())
                .isEqualTo("logit_bias");

        ChatRequest labels = ChatRequest.builder()
                .model("m")
                .messages(Message.user("hi"))
                .extension("labels", Json.parse("{\"team\":\"a\"}"))
                .build();
        assertThatThrownBy(() -> GeminiRequestMapping.toWire(labels, GeminiService.AI_STUDIO))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("gemini");
        assertThat(GeminiRequestMapping.toWire(labels, GeminiService.VERTEX).get("labels"))
                .isEqualTo(Json.parse("{\"team\":\"a\"}"));

        ChatRequest wrongType = ChatRequest.builder()
                .model("m")
                .messages(Message.user("hi"))
                .extension("frequency_penalty", Json.NODES.textNode("high"))
                .build();
        assertThatThrownBy(() -> GeminiRequestMapping.toWire(wrongType, GeminiService.AI_STUDIO))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("frequency_penalty");

        ChatRequest bigSeed = ChatRequest.builder()
                .model("m")
                .messages(Message.user("hi"))
                .seed(1L << 40)
                .build();
        assertThatThrownBy(() -> GeminiRequestMapping.toWire(bigSeed, GeminiService.AI_STUDIO))
                .isInstanceOf(InvalidRequest.class)
                .extracting(e -> ((InvalidRequest) e).param())
                .isEqualTo("seed");
    }
}
