package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.model.Capability;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ModelCapabilities;
import dev.switchboard.core.model.ModelMetadataSource;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.model.ResponseFormat;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CapabilityFilterTest {
    private static final Function<ModelRef, String> TYPE = ref -> "openai";

    /** A fake catalog: "full" does everything, "text" nothing, "small" has a 100-token window, "ghost" is unknown. */
    private static final ModelMetadataSource CATALOG = (ref, type) -> switch (ref.model()) {
        case "full" -> Optional.of(ModelCapabilities.of(128_000L, Set.of(Capability.values())));
        case "text" -> Optional.of(ModelCapabilities.of(128_000L, Set.of()));
        case "small" -> Optional.of(ModelCapabilities.of(100L, Set.of(Capability.values())));
        case "partial" -> Optional.of(new ModelCapabilities(null, new EnumMap<>(Map.of(Capability.TOOLS, true))));
        default -> Optional.empty();
    };

    private static Route route(Set<Capability> requires, String... models) {
        return new Route(
                        "r",
                        java.util.Arrays.stream(models)
                                .map(m -> RouteTarget.of("openai/" + m))
                                .toList())
                .withRequires(requires);
    }

    private static ChatRequest hello() {
        return ChatRequest.builder().messages(Message.user("hello")).build();
    }

    private static List<String> eligible(CapabilityFilter f, Route r, ChatRequest req) {
        return f.apply(r, req, RequestEstimate.of(req), TYPE).eligible().stream()
                .map(t -> t.ref().model())
                .toList();
    }

    @Test
    void aRequiredCapabilityExcludesTargetsKnownToLackIt() {
        var f = new CapabilityFilter(CATALOG, true);
        Route r = route(Set.of(Capability.TOOLS, Capability.REASONING), "text", "full", "ghost", "partial");
        var verdict = f.apply(r, hello(), RequestEstimate.of(hello()), TYPE);
        assertThat(verdict.eligible()).extracting(t -> t.ref().model()).containsExactly("full", "ghost", "partial");
        assertThat(verdict.excluded()).singleElement().satisfies(x -> {
            assertThat(x.target().toString()).isEqualTo("openai/text");
            assertThat(x.reason()).contains("no tools").contains("no reasoning");
        });
    }

    @Test
    void unknownMetadataNeverExcludes() {
        var f = new CapabilityFilter(ModelMetadataSource.NONE, true);
        assertThat(eligible(f, route(Set.of(Capability.VISION), "text", "ghost"), hello()))
                .containsExactly("text", "ghost");
        var broken = new CapabilityFilter(
                (ref, type) -> {
                    throw new IllegalStateException("catalog down");
                },
                true);
        assertThat(eligible(broken, route(Set.of(Capability.VISION), "text"), hello()))
                .containsExactly("text");
        var noType = new CapabilityFilter(CATALOG, true);
        assertThat(noType.apply(
                                route(Set.of(Capability.VISION), "text"),
                                hello(),
                                RequestEstimate.of(hello()),
                                ref -> null)
                        .eligible())
                .hasSize(1);
    }

    @Test
    void aContextWindowSmallerThanTheEstimatedInputExcludes() {
        var f = new CapabilityFilter(CATALOG, true);
        ChatRequest big =
                ChatRequest.builder().messages(Message.user("x".repeat(800))).build(); // ~200 tokens
        var verdict = f.apply(route(Set.of(), "small", "full"), big, RequestEstimate.of(big), TYPE);
        assertThat(verdict.eligible()).extracting(t -> t.ref().model()).containsExactly("full");
        assertThat(verdict.excluded().get(0).reason()).isEqualTo("context window 100 < ~200 estimated input tokens");
        assertThat(eligible(f, route(Set.of(), "small"), hello())).containsExactly("small");
    }

    @Test
    void whatTheRequestUsesIsRequiredToo() {
        var f = new CapabilityFilter(CATALOG, true);
        Route r = route(Set.of(), "text", "full");
        ChatRequest image = ChatRequest.builder()
                .messages(new Message(
                        Role.USER,
                        List.of(new ContentPart.Text("what is this?"), ContentPart.Image.url("https://x/y.png"))))
                .build();
        ChatRequest tools = hello().toBuilder()
                .tools(List.of(new ToolSpec("f", null, null, null)))
                .build();
        ChatRequest schema = hello().toBuilder()
                .responseFormat(new ResponseFormat.JsonSchema("s", null, JsonNodeFactory.instance.objectNode(), true))
                .build();
        assertThat(eligible(f, r, image)).containsExactly("full");
        assertThat(eligible(f, r, tools)).containsExactly("full");
        assertThat(eligible(f, r, schema)).containsExactly("full");
        assertThat(eligible(f, r, hello())).containsExactly("text", "full");
        assertThat(eligible(new CapabilityFilter(CATALOG, false), r, image))
                .as("inference off")
                .containsExactly("text", "full");
    }
}
