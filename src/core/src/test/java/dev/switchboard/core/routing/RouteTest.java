package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.model.Capability;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.model.ReasoningConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTest {

    @Test
    void aDirectRouteIsOneTargetWithTheDefaultPolicy() {
        Route r = Route.direct(ModelRef.parse("openai/gpt-4o"));
        assertThat(r.name()).isEqualTo("openai/gpt-4o");
        assertThat(r.targets()).singleElement().satisfies(t -> {
            assertThat(t.weight()).isEqualTo(1);
            assertThat(t.params()).isEqualTo(TargetParams.NONE);
        });
        assertThat(r.strategy()).isEqualTo(Strategy.ORDERED);
        assertThat(r.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(r.timeouts()).isEqualTo(RouteTimeouts.DEFAULT);
        assertThat(r.requires()).isEmpty();
        assertThat(r.crossProvider()).isFalse();
    }

    @Test
    void fallbackWithinOneProviderNeedsNoFlag() {
        Route r = new Route("gpt", List.of(RouteTarget.of("openai/gpt-4o"), RouteTarget.of("openai/gpt-4o-mini")));
        assertThat(r.providers()).containsExactly("openai");
    }

    @Test
    void spanningProvidersMustBeAskedForAndTheProblemNamesTheKey() {
        List<RouteTarget> targets = List.of(RouteTarget.of("openai/gpt-4o"), RouteTarget.of("anthropic/claude"));
        assertThat(Route.problems(targets, Strategy.ORDERED, false))
                .singleElement()
                .asString()
                .startsWith("cross-provider: ")
                .contains("anthropic, openai")
                .contains("cross-provider: true");
        assertThatThrownBy(() -> new Route("mixed", targets))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("route 'mixed': cross-provider:");
        Route ok = new Route("mixed", targets, Strategy.ORDERED, null, null, null, true);
        assertThat(ok.providers()).containsExactly("anthropic", "openai");
        assertThat(ok.retry()).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void duplicateTargetsAndAllZeroWeightsAreProblems() {
        var t = RouteTarget.of("openai/a");
        assertThat(Route.problems(List.of(t, t), Strategy.ORDERED, false))
                .containsExactly("targets[1]: openai/a is listed twice");
        assertThat(Route.problems(List.of(t.withWeight(0)), Strategy.WEIGHTED, false))
                .singleElement()
                .asString()
                .startsWith("targets: the weighted strategy");
        assertThat(Route.problems(List.of(t.withWeight(0)), Strategy.ORDERED, false))
                .isEmpty();
        assertThat(Route.problems(List.of(), Strategy.ORDERED, false))
                .containsExactly("targets: a route needs at least one target");
    }

    @Test
    void withersKeepEverythingElse() {
        Route r = new Route("r", List.of(RouteTarget.of("p/a")))
                .withStrategy(Strategy.CHEAPEST)
                .withRetry(RetryPolicy.NONE)
                .withTimeouts(new RouteTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(20)))
                .withRequires(Set.of(Capability.TOOLS));
        assertThat(r.strategy()).isEqualTo(Strategy.CHEAPEST);
        assertThat(r.retry()).isEqualTo(RetryPolicy.NONE);
        assertThat(r.timeouts().deadline()).isEqualTo(Duration.ofSeconds(20));
        assertThat(r.requires()).containsExactly(Capability.TOOLS);
        assertThatThrownBy(() -> new RouteTimeouts(Duration.ZERO, null, null)).hasMessageStartingWith("attempt");
    }

    @Test
    void configNamesParse() {
        assertThat(Strategy.parse("Weighted")).isEqualTo(Strategy.WEIGHTED);
        assertThatThrownBy(() -> Strategy.parse("random"))
                .hasMessageContaining("ordered, weighted, fastest or cheapest");
        assertThat(Capability.parse("json-schema")).isEqualTo(Capability.JSON_SCHEMA);
        assertThat(Capability.parse("json_schema").configName()).isEqualTo("json_schema");
        assertThatThrownBy(() -> Capability.parse("telepathy")).hasMessageContaining("unknown capability");
    }

    @Test
    void targetParamsOverrideTheCallersAndAddExtensions() {
        TargetParams p = TargetParams.parse(Map.of(
                "temperature",
                "0.2",
                "top-p",
                "0.9",
                "max_tokens",
                "256",
                "reasoning_effort",
                "low",
                "presence_penalty",
                "0.5",
                "service_tier",
                "flex"));
        ChatRequest caller = ChatRequest.builder()
                .model("r")
                .messages(Message.user("hi"))
                .temperature(1.0)
                .maxTokens(4000)
                .reasoning(new ReasoningConfig("high", 9000))
                .seed(7L)
                .build();
        ChatRequest sent = p.applyTo(caller);
        assertThat(sent.temperature()).isEqualTo(0.2);
        assertThat(sent.topP()).isEqualTo(0.9);
        assertThat(sent.maxTokens()).isEqualTo(256);
        assertThat(sent.reasoning()).isEqualTo(new ReasoningConfig("low", null));
        assertThat(sent.seed()).as("untouched").isEqualTo(7L);
        assertThat(sent.extensions().get("presence_penalty").asDouble()).isEqualTo(0.5);
        assertThat(sent.extensions().get("service_tier").asText()).isEqualTo("flex");
        assertThat(TargetParams.NONE.applyTo(caller)).isSameAs(caller);
    }

    @Test
    void badTargetParamsNameTheParameter() {
        assertThatThrownBy(() -> TargetParams.parse(Map.of("temperature", "hot")))
                .hasMessage("temperature: 'hot' is not a number");
        assertThatThrownBy(() -> TargetParams.parse(Map.of("max_tokens", "0"))).hasMessageStartingWith("max_tokens:");
        assertThatThrownBy(() -> TargetParams.parse(Map.of("reasoning_effort", "extreme")))
                .hasMessageStartingWith("reasoning_effort:");
    }
}
