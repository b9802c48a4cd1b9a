package dev.switchboard.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ReasoningConfig;
import dev.switchboard.core.model.ResponseFormat;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolChoice;
import dev.switchboard.core.model.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesMappingTest {

    private static ChatRequest.Builder request(Message... messages) {
        return ChatRequest.builder().model("gpt-5").messages(messages);
    }

    private static JsonNode wire(ChatRequest r) {
        return Json.parse(Json.write(ResponsesMapping.toWire(r, false)));
    }

    @Test
    void leadingInstructionsBecomeInstructionsAndLaterOnesStayInPlace() {
        JsonNode body = wire(request(
                        Message.system("Be brief."),
                        new Message(Role.DEVELOPER, List.of(new ContentPart.Text("Answer in French."))),
                        Message.user("Hi"),
                        Message.system("Now in German."))
                .build());
        assertThat(body.path("instructions").asText()).isEqualTo("Be brief.\n\nAnswer in French.");
        assertThat(body.path("input")).hasSize(2);
        assertThat(body.at("/input/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/input/0/content").asText()).isEqualTo("Hi");
        assertThat(body.at("/input/1/role").asText()).isEqualTo("system");
    }

    @Test
    void storeIsFalseUnlessTheCallerSetIt() {
        assertThat(wire(request(Message.user("x")).build()).path("store").asBoolean(true))
                .isFalse();
        JsonNode stored = wire(request(Message.user("x"))
                .extension("store", Json.NODES.booleanNode(true))
                .build());
        assertThat(stored.path("store").asBoolean()).isTrue();
        assertThat(wire(request(Message.user("x")).build()).has("stream")).isFalse();
        assertThat(ResponsesMapping.toWire(request(Message.user("x")).build(), true)
                        .path("stream")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aToolRoundTripBecomesFunctionCallItemsAndOutputs() {
        Message assistant = new Message(
                Role.ASSISTANT,
                List.of(
                        new ContentPart.Reasoning("thought", null, "enc"),
                        new ContentPart.Text("Let me look."),
                        new ContentPart.ToolCall("call_1", "lookup", "{\"q\":1}")));
        JsonNode input = wire(request(Message.user("Find it"), assistant, Message.toolResult("call_1", "found"))
                        .build())
                .path("input");
        assertThat(input).hasSize(4);
        assertThat(input.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(input.get(1).at("/content/0/type").asText()).isEqualTo("output_text");
        assertThat(input.get(1).at("/content/0/text").asText()).isEqualTo("Let me look.");
        assertThat(input.get(2).path("type").asText()).isEqualTo("function_call");
        assertThat(input.get(2).path("call_id").asText()).isEqualTo("call_1");
        assertThat(input.get(2).path("arguments").asText()).isEqualTo("{\"q\":1}");
        assertThat(input.get(3).path("type").asText()).isEqualTo("function_call_output");
        assertThat(input.get(3).path("output").asText()).isEqualTo("found");
        assertThat(input.toString())
                .as("reasoning is not sent back")
                .doesNotContain("thought")
                .doesNotContain("enc");
    }

    @Test
    void imagesAreInputImagesWithADetail() {
        Message m = new Message(
                Role.USER,
                List.of(
                        new ContentPart.Text("What is this?"),
                        ContentPart.Image.inline("image/png", "iVBO"),
                        new ContentPart.Image(new ContentPart.ImageSource.Url("https://x/y.jpg", null), "low")));
        JsonNode content = wire(request(m).build()).at("/input/0/content");
        assertThat(content.get(0).path("type").asText()).isEqualTo("input_text");
        assertThat(content.get(1).path("image_url").asText()).isEqualTo("data:image/png;base64,iVBO");
        assertThat(content.get(1).path("detail").asText()).isEqualTo("auto");
        assertThat(content.get(2).path("image_url").asText()).isEqualTo("https://x/y.jpg");
        assertThat(content.get(2).path("detail").asText()).isEqualTo("low");
    }

    @Test
    void toolsAreFlatAndNotStrictUnlessTheCallerSaidSo() {
        JsonNode params = Json.parse("{\"type\":\"object\",\"properties\":{}}");
        JsonNode body = wire(request(Message.user("x"))
                .tools(List.of(new ToolSpec("a", "does a", params, null), new ToolSpec("b", null, params, true)))
                .toolChoice(new ToolChoice.Tool("b"))
                .build());
        assertThat(body.at("/tools/0/type").asText()).isEqualTo("function");
        assertThat(body.at("/tools/0/name").asText()).isEqualTo("a");
        assertThat(body.at("/tools/0/description").asText()).isEqualTo("does a");
        assertThat(body.at("/tools/0/strict").asBoolean(true)).isFalse();
        assertThat(body.at("/tools/1/strict").asBoolean()).isTrue();
        assertThat(body.at("/tools/0").has("function")).isFalse();
        assertThat(Json.write(body.get("tool_choice"))).isEqualTo("{\"type\":\"function\",\"name\":\"b\"}");
    }

    @Test
    void responseFormatsGoUnderTextFormat() {
        JsonNode schema = Json.parse("{\"type\":\"object\"}");
        JsonNode body = wire(request(Message.user("x"))
                .responseFormat(new ResponseFormat.JsonSchema("answer", null, schema, true))
                .build());
        assertThat(Json.write(body.at("/text/format")))
                .isEqualTo(
                        "{\"type\":\"json_schema\",\"name\":\"answer\",\"schema\":{\"type\":\"object\"},\"strict\":true}");
        JsonNode json = wire(request(Message.user("x"))
                .responseFormat(ResponseFormat.JSON_OBJECT)
                .extension("verbosity", Json.NODES.textNode("low"))
                .build());
        assertThat(json.at("/text/format/type").asText()).isEqualTo("json_object");
        assertThat(json.at("/text/verbosity").asText()).isEqualTo("low");
    }

    @Test
    void samplingLimitsAndReasoningWithExtensionsMergedIn() {
        JsonNode body = wire(request(Message.user("x"))
                .temperature(0.2)
                .topP(0.9)
                .maxTokens(50)
                .user("u-1")
                .reasoning(new ReasoningConfig("high", null))
                .extension("reasoning", Json.parse("{\"summary\":\"auto\"}"))
                .tools(List.of(new ToolSpec("f", null, null, null)))
                .extension("tools", Json.parse("[{\"type\":\"web_search\"}]"))
                .build());
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("max_output_tokens").asInt()).isEqualTo(50);
        assertThat(body.path("user").asText()).isEqualTo("u-1");
        assertThat(Json.write(body.get("reasoning"))).isEqualTo("{\"effort\":\"high\",\"summary\":\"auto\"}");
        assertThat(body.path("tools")).hasSize(2);
        assertThat(body.at("/tools/1/type").asText()).isEqualTo("web_search");
    }

    @Test
    void stopAndSeedHaveNoResponsesEquivalentAndAreRejectedByName() {
        assertThatThrownBy(() -> ResponsesMapping.toWire(
                        request(Message.user("x")).stop(List.of("END")).build(), false))
                .isInstanceOf(InvalidRequest.class)
                .matches(e -> "stop".equals(((InvalidRequest) e).param()));
        assertThatThrownBy(() -> ResponsesMapping.toWire(
                        request(Message.user("x")).seed(7L).build(), false))
                .isInstanceOf(InvalidRequest.class)
                .matches(e -> "seed".equals(((InvalidRequest) e).param()));
    }

    @Test
    void outputItemsInOrderWithRefusalAsTextAndEncryptedReasoning() {
        ChatResponse r = ResponsesMapping.fromWire(Json.parse("""
                {"id":"resp_1","model":"gpt-5-2025","status":"completed","output":[
                  {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"a"},{"type":"summary_text","text":"b"}],
                   "encrypted_content":"gAAA"},
                  {"type":"web_search_call","id":"ws_1","status":"completed"},
                  {"type":"message","role":"assistant","content":[{"type":"refusal","refusal":"I can't."}]}],
                 "usage":{"input_tokens":5,"output_tokens":9,"output_tokens_details":{"reasoning_tokens":4}}}
                """), "openai");
        assertThat(r.id()).isEqualTo("resp_1");
        assertThat(r.model()).isEqualTo("gpt-5-2025");
        assertThat(r.message().content().get(0)).isEqualTo(new ContentPart.Reasoning("a\nb", null, "gAAA"));
        assertThat(r.text()).isEqualTo("I can't.");
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.usage().reasoningTokens()).isEqualTo(4);
        assertThat(r.usage().cacheReadTokens()).as("not reported is not zero").isNull();
    }

    @Test
    void incompleteAndUnknownStatuses() {
        ChatResponse cut = ResponsesMapping.fromWire(Json.parse("""
                {"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},
                 "output":[{"type":"message","content":[{"type":"output_text","text":"Par"}]}]}
                """), "openai");
        assertThat(cut.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(cut.providerFinishReason()).isEqualTo("incomplete:max_output_tokens");
        assertThat(cut.text()).isEqualTo("Par");
        ChatResponse queued = ResponsesMapping.fromWire(Json.parse("{\"status\":\"queued\",\"output\":[]}"), "openai");
        assertThat(queued.finishReason()).isEqualTo(FinishReason.UNKNOWN);
        assertThat(queued.providerFinishReason()).isEqualTo("queued");
    }

    @Test
    void aFailedResponseInA200IsAnError() {
        assertThatThrownBy(() -> ResponsesMapping.fromWire(Json.parse("""
                {"status":"failed","error":{"code":"rate_limit_exceeded","message":"slow down"},"output":[]}
                """), "openai"))
                .isInstanceOf(RateLimited.class)
                .hasMessageContaining("slow down");
    }
}
