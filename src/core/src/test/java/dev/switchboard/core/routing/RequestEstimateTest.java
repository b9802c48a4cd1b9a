package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestEstimateTest {

    @Test
    void inputIsAboutFourCharactersPerTokenPlusAFixedAmountPerImage() {
        ChatRequest r = ChatRequest.builder()
                .messages(
                        Message.system("x".repeat(40)),
                        new Message(
                                Role.USER,
                                List.of(new ContentPart.Text("y".repeat(41)), ContentPart.Image.url("https://i"))),
                        Message.toolResult("c1", "z".repeat(19)))
                .build();
        assertThat(RequestEstimate.of(r).inputTokens()).isEqualTo(25 + RequestEstimate.IMAGE_TOKENS); // ceil(100 / 4)
    }

    @Test
    void toolDefinitionsCount() {
        var schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        ChatRequest r = ChatRequest.builder()
                .messages(Message.user(""))
                .tools(List.of(new ToolSpec("abcd", "efgh", schema, null)))
                .build();
        assertThat(RequestEstimate.of(r).inputTokens())
                .isEqualTo((8 + schema.toString().length() + 3) / 4);
    }

    @Test
    void outputIsTheTargetsMaxTokensElseTheCallersElseTheDefault() {
        RouteTarget plain = RouteTarget.of("p/m");
        RouteTarget capped = plain.withParams(new TargetParams(null, null, 64, null, Map.of()));
        ChatRequest none = ChatRequest.builder().messages(Message.user("hi")).build();
        assertThat(RequestEstimate.of(none).outputTokens(plain)).isEqualTo(RequestEstimate.DEFAULT_OUTPUT_TOKENS);
        assertThat(RequestEstimate.of(none.toBuilder().maxTokens(1000).build()).outputTokens(plain))
                .isEqualTo(1000);
        assertThat(RequestEstimate.of(none.toBuilder().maxTokens(1000).build()).outputTokens(capped))
                .isEqualTo(64);
    }
}
