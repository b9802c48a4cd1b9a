package dev.switchboard.core.mapping;

import static dev.switchboard.core.mapping.ParamRule.param;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamMappingTest {
    private static final ParamMapping RULES = ParamMapping.of(
            param("temperature", ChatRequest::temperature).clamp(0, 1),
            param("generationConfig.maxOutputTokens", ChatRequest::maxTokens).orDefault(4096),
            param("generationConfig.stopSequences", ChatRequest::stop),
            param("seed", ChatRequest::seed).map(s -> ((Long) s) + 1));

    @Test
    void renamesClampsDefaultsAndNests() {
        ChatRequest r = ChatRequest.builder()
                .model("m")
                .messages(Message.user("hi"))
                .temperature(1.7)
                .stop(List.of("END"))
                .seed(41L)
                .build();
        var body = Json.object();
        RULES.apply(r, body);
        assertThat(Json.write(body))
                .isEqualTo(
                        "{\"temperature\":1.0,\"generationConfig\":{\"maxOutputTokens\":4096,\"stopSequences\":[\"END\"]},\"seed\":42}");
    }

    @Test
    void absentValuesAreNotWritten() {
        var body = Json.object();
        ParamMapping.of(param("top_p", ChatRequest::topP), param("stop", ChatRequest::stop))
                .apply(ChatRequest.builder().model("m").build(), body);
        assertThat(body.isEmpty()).isTrue();
    }

    @Test
    void decimalsAreWrittenExactly() {
        var body = Json.object();
        ParamMapping.of(param("temperature", ChatRequest::temperature))
                .apply(ChatRequest.builder().model("m").temperature(0.7).build(), body);
        assertThat(Json.write(body)).isEqualTo("{\"temperature\":0.7}");
    }
}
