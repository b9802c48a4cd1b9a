package dev.switchboard.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ReasoningConfig;
import dev.switchboard.core.model.ResponseFormat;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolChoice;
import dev.switchboard.core.model.ToolSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;

class BedrockRequestMappingTest {
    private static final String CLAUDE = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String LLAMA = "meta.llama3-70b-instruct-v1:0";
    private static final JsonNode SCHEMA = Json.parse("""
            {"type": "object", "properties": {"city": {"type": "number", "minimum": 0.5}}}
            """);

    @Test
    void rolesBecomeSystemBlocksAndAlternatingTurns() {
        ChatRequest r = request(
                CLAUDE,
                Message.system("Be brief."),
                new Message(Role.DEVELOPER, List.of(new ContentPart.Text("Answer in French."))),
                Message.user("Weather?"),
                new Message(
                        Role.ASSISTANT,
                        List.of(
                                new ContentPart.Text(""),
                                new ContentPart.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                                new ContentPart.ToolCall("call_2", "get_time", "{}"))),
                Message.toolResult("call_1", "22C"),
                new Message(Role.TOOL, List.of(new ContentPart.ToolResult("call_2", "boom", true))),
                Message.user("Thanks. And tomorrow?"));
        ConverseRequest c = BedrockRequestMapping.toConverse(r);

        assertThat(c.system()).extracting(s -> s.text()).containsExactly("Be brief.", "Answer in French.");
        assertThat(c.messages())
                .extracting(m -> m.role())
                .containsExactly(ConversationRole.USER, ConversationRole.ASSISTANT, ConversationRole.USER);
        List<ContentBlock> assistant = c.messages().get(1).content();
        assertThat(assistant)
                .as("the empty text OpenAI clients send beside tool calls is dropped")
                .hasSize(2);
        assertThat(assistant.get(0).toolUse().toolUseId()).isEqualTo("call_1");
        assertThat(Json.write(BedrockDocuments.toJson(assistant.get(0).toolUse().input())))
                .isEqualTo("{\"city\":\"Paris\"}");
        List<ContentBlock> lastUser = c.messages().get(2).content();
        assertThat(lastUser).hasSize(3);
        assertThat(lastUser.get(0).toolResult().status()).isEqualTo(ToolResultStatus.SUCCESS);
        assertThat(lastUser.get(0).toolResult().content().get(0).text()).isEqualTo("22C");
        assertThat(lastUser.get(1).toolResult().status()).isEqualTo(ToolResultStatus.ERROR);
        assertThat(lastUser.get(2).text()).isEqualTo("Thanks. And tomorrow?");
    }

    @Test
    void toolResultStatusIsSentOnlyToFamiliesThatTakeIt() {
        ChatRequest r = request(
                LLAMA,
                Message.user("x"),
                new Message(Role.ASSISTANT, List.of(new ContentPart.ToolCall("c", "f", "{}"))),
                Message.toolResult("c", "ok"));
        assertThat(BedrockRequestMapping.toConverse(r)
                        .messages()
                        .get(2)
                        .content()
                        .get(0)
                        .toolResult()
                        .status())
                .isNull();
    }

    @Test
    void cacheHintsBecomeCachePointsAfterTheirText() {
        JsonNode oneHour = Json.parse("{\"type\":\"ephemeral\",\"ttl\":\"1h\"}");
        ChatRequest r = request(
                CLAUDE,
                new Message(
                        Role.SYSTEM,
                        List.of(new ContentPart.Text("long instructions", Map.of("cache_control", oneHour)))),
                new Message(
                        Role.USER,
                        List.of(
                                new ContentPart.Text(
                                        "big document",
                                        Map.of("prompt_cache_breakpoint", Json.NODES.booleanNode(true))),
                                new ContentPart.Text("question"))));
        ConverseRequest c = BedrockRequestMapping.toConverse(r);
        assertThat(c.system()).hasSize(2);
        assertThat(c.system().get(1).cachePoint().ttl()).isEqualTo(CacheTTL.VALUE_1_H);
        List<ContentBlock> user = c.messages().get(0).content();
        assertThat(user).hasSize(3);
        assertThat(user.get(1).cachePoint()).isNotNull();
        assertThat(user.get(1).cachePoint().ttl()).isNull();
        assertThat(user.get(2).text()).isEqualTo("question");
    }

    @Test
    void inlineImagesBecomeBytesAndUrlsAreRefusedNamingTheParameter() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        ChatRequest inline = request(
                CLAUDE,
                new Message(
                        Role.USER,
                        List.of(
                                new ContentPart.Text("What is it?"),
                                ContentPart.Image.inline(
                                        "image/png", Base64.getEncoder().encodeToString(png)))));
        var image = BedrockRequestMapping.toConverse(inline)
                .messages()
                .get(0)
                .content()
                .get(1)
                .image();
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.source().bytes().asByteArray()).isEqualTo(png);

        ChatRequest url = request(
                CLAUDE,
                Message.system("s"),
                new Message(
                        Role.USER,
                        List.of(new ContentPart.Text("x"), ContentPart.Image.url("https://example.com/a.png"))));
        InvalidRequest e = catchThrowableOfType(InvalidRequest.class, () -> BedrockRequestMapping.toConverse(url));
        assertThat(e.param()).isEqualTo("messages[1].content[1].image_url");
        assertThat(e.getMessage()).contains("does not fetch image URLs");

        ChatRequest tiff =
                request(CLAUDE, new Message(Role.USER, List.of(ContentPart.Image.inline("image/tiff", "AAAA"))));
        assertThat(catchThrowableOfType(InvalidRequest.class, () -> BedrockRequestMapping.toConverse(tiff))
                        .param())
                .isEqualTo("messages[0].content[0].image_url");
    }

    @Test
    void signedReasoningGoesBackAndUnsignedReasoningDoesNot() {
        ChatRequest r = request(
                CLAUDE,
                Message.user("q"),
                new Message(
                        Role.ASSISTANT,
                        List.of(
                                new ContentPart.Reasoning("thought", "sig", null),
                                ContentPart.Reasoning.of("unsigned thought"),
                                new ContentPart.Reasoning(
                                        null, null, Base64.getEncoder().encodeToString(new byte[] {1, 2})),
                                new ContentPart.Text("answer"))),
                Message.user("more"));
        List<ContentBlock> assistant =
                BedrockRequestMapping.toConverse(r).messages().get(1).content();
        assertThat(assistant).hasSize(3);
        assertThat(assistant.get(0).reasoningContent().reasoningText().signature())
                .isEqualTo("sig");
        assertThat(assistant.get(1).reasoningContent().redactedContent().asByteArray())
                .containsExactly(1, 2);
        assertThat(assistant.get(2).text()).isEqualTo("answer");
    }

    @Test
    void samplingToolsAndToolChoice() {
        ChatRequest r = base(CLAUDE)
                .temperature(1.7)
                .topP(0.9)
                .maxTokens(100)
                .stop(List.of("END"))
                .tools(List.of(
                        new ToolSpec("get_weather", "Weather", SCHEMA, true), new ToolSpec("noargs", null, null, null)))
                .toolChoice(new ToolChoice.Tool("get_weather"))
                .build();
        ConverseRequest c = BedrockRequestMapping.toConverse(r);
        assertThat(c.inferenceConfig().temperature())
                .as("clamped to Bedrock's range")
                .isEqualTo(1.0f);
        assertThat(c.inferenceConfig().topP()).isEqualTo(0.9f);
        assertThat(c.inferenceConfig().maxTokens()).isEqualTo(100);
        assertThat(c.inferenceConfig().stopSequences()).containsExactly("END");
        var tools = c.toolConfig().tools();
        assertThat(tools.get(0).toolSpec().strict()).isTrue();
        assertThat(documentJson(tools.get(0).toolSpec().inputSchema().json())).isEqualTo(Json.write(SCHEMA));
        assertThat(documentJson(tools.get(1).toolSpec().inputSchema().json()))
                .isEqualTo("{\"type\":\"object\",\"properties\":{}}");
        assertThat(c.toolConfig().toolChoice().tool().name()).isEqualTo("get_weather");

        assertThat(BedrockRequestMapping.toConverse(base(CLAUDE)
                                .tools(List.of(new ToolSpec("f", null, SCHEMA, null)))
                                .toolChoice(ToolChoice.REQUIRED)
                                .build())
                        .toolConfig()
                        .toolChoice()
                        .any())
                .isNotNull();
        assertThat(BedrockRequestMapping.toConverse(base(CLAUDE)
                                .tools(List.of(new ToolSpec("f", null, SCHEMA, null)))
                                .toolChoice(ToolChoice.NONE)
                                .build())
                        .toolConfig())
                .as("tool_choice none withholds the tools")
                .isNull();
        assertThat(BedrockRequestMapping.toConverse(base(CLAUDE).build()).inferenceConfig())
                .isNull();
    }

    @Test
    void reasoningBecomesAnthropicThinkingAndIsRefusedElsewhere() {
        ConverseRequest c = BedrockRequestMapping.toConverse(
                base(CLAUDE).reasoning(new ReasoningConfig("medium", null)).build());
        assertThat(Json.write(BedrockDocuments.toJson(c.additionalModelRequestFields())))
                .isEqualTo("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":8192}}");
        ConverseRequest small = BedrockRequestMapping.toConverse(
                base(CLAUDE).reasoning(new ReasoningConfig(null, 100)).build());
        assertThat(BedrockDocuments.toJson(small.additionalModelRequestFields())
                        .at("/thinking/budget_tokens")
                        .asInt())
                .as("Anthropic's minimum")
                .isEqualTo(1024);
        assertThat(BedrockRequestMapping.toConverse(base(LLAMA)
                                .reasoning(new ReasoningConfig("none", null))
                                .build())
                        .additionalModelRequestFields())
                .isNull();
        InvalidRequest e = catchThrowableOfType(
                InvalidRequest.class,
                () -> BedrockRequestMapping.toConverse(
                        base(LLAMA).reasoning(new ReasoningConfig("high", null)).build()));
        assertThat(e.param()).isEqualTo("reasoning_effort");
    }

    @Test
    void jsonSchemaBecomesOutputConfigAndJsonObjectIsRefused() {
        ConverseRequest c = BedrockRequestMapping.toConverse(base(CLAUDE)
                .responseFormat(new ResponseFormat.JsonSchema("Answer", "the answer", SCHEMA, true))
                .build());
        var schema = c.outputConfig().textFormat().structure().jsonSchema();
        assertThat(c.outputConfig().textFormat().typeAsString()).isEqualTo("json_schema");
        assertThat(schema.name()).isEqualTo("Answer");
        assertThat(schema.description()).isEqualTo("the answer");
        assertThat(Json.parse(schema.schema())).isEqualTo(SCHEMA);
        assertThat(BedrockRequestMapping.toConverse(
                                base(CLAUDE).responseFormat(ResponseFormat.TEXT).build())
                        .outputConfig())
                .isNull();
        assertThat(catchThrowableOfType(
                                InvalidRequest.class,
                                () -> BedrockRequestMapping.toConverse(base(CLAUDE)
                                        .responseFormat(ResponseFormat.JSON_OBJECT)
                                        .build()))
                        .param())
                .isEqualTo("response_format");
    }

    @Test
    void openAiOnlyExtensionsAreRefusedNamingThem() {
        InvalidRequest e = catchThrowableOfType(
                InvalidRequest.class,
                () -> BedrockRequestMapping.toConverse(base(CLAUDE)
                        .extension("presence_penalty", Json.NODES.numberNode(0.5))
                        .build()));
        assertThat(e.param()).isEqualTo("presence_penalty");
        assertThat(e.getMessage()).contains("'presence_penalty' is not supported by Amazon Bedrock");
    }

    @Test
    void converseNativeExtensionsAreHonored() {
        ChatRequest r = base(CLAUDE)
                .reasoning(new ReasoningConfig(null, 2048))
                .extension("guardrailConfig", Json.parse("""
                        {
                            "guardrailIdentifier": "g1",
                            "guardrailVersion": "DRAFT",
                            "trace": "enabled",
                            "streamProcessingMode": "async"
                        }
                        """))
                .extension("additionalModelRequestFields", Json.parse("{\"top_k\":5}"))
                .extension("performanceConfig", Json.parse("{\"latency\":\"optimized\"}"))
                .build();
        ConverseRequest c = BedrockRequestMapping.toConverse(r);
        assertThat(c.guardrailConfig().guardrailIdentifier()).isEqualTo("g1");
        assertThat(c.guardrailConfig().traceAsString()).isEqualTo("enabled");
        assertThat(c.performanceConfig().latencyAsString()).isEqualTo("optimized");
        assertThat(Json.write(BedrockDocuments.toJson(c.additionalModelRequestFields())))
                .isEqualTo("{\"top_k\":5,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}}");
        ConverseStreamRequest s = BedrockRequestMapping.toConverseStream(r);
        assertThat(s.guardrailConfig().streamProcessingModeAsString()).isEqualTo("async");

        InvalidRequest e = catchThrowableOfType(
                InvalidRequest.class,
                () -> BedrockRequestMapping.toConverse(base(CLAUDE)
                        .extension("guardrailConfig", Json.parse("{\"guardrailIdentifier\":\"g1\"}"))
                        .build()));
        assertThat(e.param()).isEqualTo("guardrailConfig.guardrailVersion");
    }

    @Test
    void toolCallsNeedIdsAndObjectArguments() {
        ChatRequest noId = request(
                CLAUDE,
                Message.user("q"),
                new Message(Role.ASSISTANT, List.of(new ContentPart.ToolCall(null, "f", "{}"))));
        assertThat(catchThrowableOfType(InvalidRequest.class, () -> BedrockRequestMapping.toConverse(noId))
                        .param())
                .isEqualTo("messages[1].tool_calls[0].id");
        ChatRequest notObject = request(
                CLAUDE,
                Message.user("q"),
                new Message(Role.ASSISTANT, List.of(new ContentPart.ToolCall("c", "f", "[1,2]"))));
        assertThat(catchThrowableOfType(InvalidRequest.class, () -> BedrockRequestMapping.toConverse(notObject))
                        .param())
                .isEqualTo("messages[1].tool_calls[0].function.arguments");
    }

    private static String documentJson(software.amazon.awssdk.core.document.Document d) {
        return Json.write(BedrockDocuments.toJson(d));
    }

    private static ChatRequest.Builder base(String model) {
        return ChatRequest.builder().model(model).messages(Message.user("Hello"));
    }

    private static ChatRequest request(String model, Message... messages) {
        return ChatRequest.builder().model(model).messages(messages).build();
    }
}
