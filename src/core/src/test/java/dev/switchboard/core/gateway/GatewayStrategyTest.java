package dev.switchboard.core.gateway;

import static dev.switchboard.core.gateway.RouterFixture.ok;
import static dev.switchboard.core.gateway.RouterFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.model.Capability;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ModelCapabilities;
import dev.switchboard.core.model.ModelMetadataSource;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.routing.RetryPolicy;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteTarget;
import dev.switchboard.core.routing.Strategy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Strategies and the capability filter, end to end through the gateway. */
class GatewayStrategyTest {
    private final RouterFixture f = new RouterFixture();

    private static Route route(Strategy strategy, RouteTarget... targets) {
        return new Route("main", List.of(targets)).withStrategy(strategy).withRetry(RetryPolicy.NONE);
    }

    private String answeredBy(Gateway g, ChatRequest request) {
        f.openai.then(ok("hi"));
        return g.chat(request, f.ctx()).info().target().model();
    }

    @Test
    void weightedSpreadsFirstChoicesByWeight() {
        Gateway g = f.builder()
                .route(route(
                        Strategy.WEIGHTED,
                        RouteTarget.of("openai/a").withWeight(3),
                        RouteTarget.of("openai/b").withWeight(1)))
                .build();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 40; i++) counts.merge(answeredBy(g, request("main")), 1, Integer::sum);
        assertThat(counts).containsEntry("a", 30).containsEntry("b", 10);
    }

    @Test
    void fastestMeasuresEachTargetOnceThenPrefersTheQuickest() {
        Gateway g = f.builder()
                .route(route(Strategy.FASTEST, RouteTarget.of("openai/slow"), RouteTarget.of("openai/quick")))
                .build();
        f.openai.then(ok("1").after(Duration.ofMillis(900))).then(ok("2").after(Duration.ofMillis(100)));
        assertThat(g.chat(request("main"), f.ctx()).info().target().model()).isEqualTo("slow");
        assertThat(g.chat(request("main"), f.ctx()).info().target().model()).isEqualTo("quick");
        for (int i = 0; i < 5; i++) assertThat(answeredBy(g, request("main"))).isEqualTo("quick");
    }

    @Test
    void cheapestPrefersTheLowestEstimatedPrice() {
        Map<String, BigDecimal> perToken =
                Map.of("pricey", new BigDecimal("0.00001"), "cheap", new BigDecimal("0.000001"));
        Gateway g = f.builder()
                .pricer(req -> perToken.containsKey(req.target().model())
                        ? new PriceQuote(
                                perToken.get(req.target().model())
                                        .multiply(BigDecimal.valueOf(req.usage().inputTokens()
                                                + req.usage().outputTokens())),
                                "v",
                                true)
                        : PriceQuote.unknown("v"))
                .route(route(
                        Strategy.CHEAPEST,
                        RouteTarget.of("openai/unpriced"),
                        RouteTarget.of("openai/pricey"),
                        RouteTarget.of("openai/cheap")))
                .build();
        assertThat(answeredBy(g, request("main"))).isEqualTo("cheap");
    }

    private static final ModelMetadataSource CATALOG = (ref, type) -> switch (ref.model()) {
        case "text-only" -> Optional.of(ModelCapabilities.of(8_000L, Set.of(Capability.TOOLS)));
        case "vision" -> Optional.of(ModelCapabilities.of(128_000L, Set.of(Capability.VISION, Capability.TOOLS)));
        default -> Optional.empty();
    };

    @Test
    void targetsKnownToLackARequiredCapabilityAreSkipped() {
        Gateway g = f.builder()
                .metadata(CATALOG)
                .route(route(Strategy.ORDERED, RouteTarget.of("openai/text-only"), RouteTarget.of("openai/vision"))
                        .withRequires(Set.of(Capability.VISION)))
                .build();
        assertThat(answeredBy(g, request("main"))).isEqualTo("vision");
        assertThat(f.records).singleElement().extracting(r -> r.attempt()).isEqualTo(1);
    }

    @Test
    void aRequestWithImagesSkipsTextOnlyTargetsAndOneNoTargetCanServeIs400() {
        Gateway g = f.builder()
                .metadata(CATALOG)
                .route(route(Strategy.ORDERED, RouteTarget.of("openai/text-only"), RouteTarget.of("openai/vision")))
                .route(new Route("text", List.of(RouteTarget.of("openai/text-only"))))
                .build();
        ChatRequest image = ChatRequest.builder()
                .model("main")
                .messages(new Message(
                        Role.USER,
                        List.of(new ContentPart.Text("what is it?"), ContentPart.Image.url("https://x/cat.png"))))
                .build();
        assertThat(answeredBy(g, image)).isEqualTo("vision");
        assertThatThrownBy(() -> g.chat(image.withModel("text"), f.ctx()))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("no_capable_target");
                    assertThat(e.getMessage())
                            .isEqualTo("No target of route 'text' can serve this request: openai/text-only: no vision");
                });
        assertThat(f.records).hasSize(1);
    }

    @Test
    void aPromptTooLongForATargetsContextWindowSkipsIt() {
        Gateway g = f.builder()
                .metadata(CATALOG)
                .route(route(Strategy.ORDERED, RouteTarget.of("openai/text-only"), RouteTarget.of("openai/vision")))
                .build();
        ChatRequest longPrompt = ChatRequest.builder()
                .model("main")
                .messages(Message.user("x".repeat(40_000)))
                .build();
        assertThat(answeredBy(g, longPrompt)).isEqualTo("vision");
        assertThat(answeredBy(g, request("main"))).isEqualTo("text-only");
    }
}
