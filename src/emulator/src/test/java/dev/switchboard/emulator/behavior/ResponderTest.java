package dev.switchboard.emulator.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.emulator.behavior.Conversation.ToolChoice;
import org.junit.jupiter.api.Test;

class ResponderTest {

    private final Responder responder = new Responder();
    private final ModelSpec plain = ModelSpec.parse("emulator-1").orElseThrow();

    private static final String WEATHER_SCHEMA = """
            {"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]},
             "days":{"type":"integer"},"precise":{"type":"boolean"},"opts":{"type":"object"},"tags":{"type":"array"},
             "optional":{"type":"string"}},
             "required":["city","unit","days","precise","opts","tags"]}""";

    @Test
    void echoesTheLastUserText() {
        Conversation c = Conversation.builder()
                .countText("Say hi please")
                .userTurn("Say hi please")
                .build();
        Completion a = responder.answer(c, plain);
        assertThat(a.text()).isEqualTo("Hello from the Switchboard emulator. You said: Say hi please");
        assertThat(a.finish()).isEqualTo(Completion.Finish.STOP);
        assertThat(a.usage().inputTokens()).isEqualTo(4); // ceil(13 / 4)
        assertThat(a.usage().outputTokens()).isEqualTo(10);
        assertThat(a.usage().cachedTokens()).isZero();
        assertThat(a.reasoning()).isNull();
    }

    @Test
    void clipsEchoTo200Chars() {
        String longText = "x".repeat(500);
        Completion a =
                responder.answer(Conversation.builder().userTurn(longText).build(), plain);
        assertThat(a.text()).endsWith("You said: " + "x".repeat(200));
    }

    @Test
    void inputIsAtLeastOneToken() {
        Completion a = responder.answer(Conversation.builder().userTurn("").build(), plain);
        assertThat(a.usage().inputTokens()).isEqualTo(1);
    }

    @Test
    void callsTheFirstToolWithSchemaArguments() {
        Conversation c = Conversation.builder()
                .userTurn("weather?")
                .tool("get_weather", Json.parse(WEATHER_SCHEMA))
                .tool("other", Json.obj())
                .build();
        Completion a = responder.answer(c, plain);
        assertThat(a.isToolCall()).isTrue();
        assertThat(a.toolCall().name()).isEqualTo("get_weather");
        assertThat(a.toolCall().arguments())
                .isEqualTo(Json.parse(
                        "{\"city\":\"emulated\",\"unit\":\"c\",\"days\":1,\"precise\":true,\"opts\":{},\"tags\":[]}"));
        assertThat(a.finish()).isEqualTo(Completion.Finish.TOOL_CALL);
        assertThat(a.usage().outputTokens()).isEqualTo(Responder.TOOL_CALL_TOKENS);
    }

    @Test
    void callsTheForcedTool() {
        Conversation c = Conversation.builder()
                .userTurn("x")
                .tool("a", Json.obj())
                .tool("b", Json.obj())
                .toolChoice(ToolChoice.forced("b"))
                .build();
        assertThat(responder.answer(c, plain).toolCall().name()).isEqualTo("b");
    }

    @Test
    void noToolCallWhenChoiceIsNoneOrLastTurnIsAToolResult() {
        Conversation none = Conversation.builder()
                .userTurn("x")
                .tool("a", Json.obj())
                .toolChoice(ToolChoice.NONE)
                .build();
        assertThat(responder.answer(none, plain).isToolCall()).isFalse();

        Conversation afterResult = Conversation.builder()
                .userTurn("x")
                .otherTurn()
                .toolResult("sunny")
                .toolResult("22C")
                .tool("a", Json.obj())
                .build();
        Completion a = responder.answer(afterResult, plain);
        assertThat(a.isToolCall()).isFalse();
        assertThat(a.text()).isEqualTo("Tool result received: sunny\n22C");
    }

    @Test
    void jsonOutputIsAnObject() {
        Completion a = responder.answer(
                Conversation.builder().userTurn("say \"hi\"").jsonOutput(true).build(), plain);
        assertThat(Json.parse(a.text())).isEqualTo(Json.obj("emulated", true, "echo", "say \"hi\""));
    }

    @Test
    void maxTokensTruncatesToWords() {
        Completion a = responder.answer(
                Conversation.builder().userTurn("hi").maxTokens(3).build(), plain);
        assertThat(a.text()).isEqualTo("Hello from the");
        assertThat(a.finish()).isEqualTo(Completion.Finish.LENGTH);
        assertThat(a.usage().outputTokens()).isEqualTo(3);
    }

    @Test
    void cacheAndThinkTokens() {
        ModelSpec both = ModelSpec.parse("emulator-cache-think").orElseThrow();
        Completion a = responder.answer(
                Conversation.builder().countText("a".repeat(40)).userTurn("a").build(), both);
        assertThat(a.usage().inputTokens()).isEqualTo(10);
        assertThat(a.usage().cachedTokens()).isEqualTo(5);
        assertThat(a.reasoning()).isEqualTo("Let me think about this.");
        assertThat(a.usage().reasoningTokens()).isEqualTo(6);

        Completion requested = responder.answer(
                Conversation.builder().userTurn("a").thinking(true).build(), plain);
        assertThat(requested.reasoning()).isNotNull();
    }

    @Test
    void wordChunksRebuildTheText() {
        String text = "  Hello,  world\nnext line ";
        assertThat(String.join("", Words.chunks(text))).isEqualTo(text);
        assertThat(Words.count(text)).isEqualTo(4);
        assertThat(Words.truncate("one two three", 2)).isEqualTo("one two");
        assertThat(String.join("", Words.thirds("{\"a\":1}"))).isEqualTo("{\"a\":1}");
        assertThat(Words.thirds("{\"a\":1}")).hasSize(3);
    }
}
