package dev.switchboard.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.error.AllTargetsFailed;
import dev.switchboard.core.error.AuthFailed;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.NotConfigured;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteTarget;
import dev.switchboard.testing.FakeTime;
import dev.switchboard.testing.ScriptedProvider;
import dev.switchboard.testing.ScriptedProvider.Step;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class GatewayTest {
    private final List<CostRecord> records = new CopyOnWriteArrayList<>();
    private final FakeTime time = new FakeTime();
    private final ScriptedProvider openai = new ScriptedProvider("openai").time(time::advance);

    private Gateway gateway(ScriptedProvider... providers) {
        Gateway.Builder b = Gateway.builder()
                .ticker(time.ticker())
                .sleeper(time.sleeper())
                .jitter(() -> 0.5)
                .costSink(records::add)
                .pricer(req ->
                        new PriceQuote(new BigDecimal(req.usage().inputTokens()).movePointLeft(6), "test-v1", true))
                .route(new Route("default", List.of(RouteTarget.of("openai/gpt-4o-mini"))));
        for (ScriptedProvider p : providers) b.provider(p);
        return b.build();
    }

    private static ChatRequest request(String model) {
        return ChatRequest.builder()
                .model(model)
                .messages(Message.user("hello"))
                .build();
    }

    private static RequestContext ctx() {
        return new RequestContext("req-1", System.nanoTime(), List.of("team:a"), null, null);
    }

    @Test
    void aRouteNameResolvesToItsFirstTargetAndTheProviderGetsItsOwnModelId() {
        openai.then(Step.answer("hi", Usage.of(12, 3)));
        ChatResult r = gateway(openai).chat(request("default"), ctx());
        assertThat(openai.calls().get(0).model()).isEqualTo("gpt-4o-mini");
        assertThat(r.info().route()).isEqualTo("default");
        assertThat(r.info().target().toString()).isEqualTo("openai/gpt-4o-mini");
        assertThat(r.response().text()).isEqualTo("hi");
        assertThat(r.info().price().costUsd()).isEqualByComparingTo("0.000012");
    }

    @Test
    void oneCostRecordPerAttemptWithFixedFields() {
        openai.then(Step.answer("hi", new Usage(12L, 3L, 4L, null, null)));
        gateway(openai).chat(request("openai/gpt-4o"), ctx());
        assertThat(records).hasSize(1);
        CostRecord r = records.get(0);
        assertThat(r.requestId()).isEqualTo("req-1");
        assertThat(r.attempt()).isEqualTo(1);
        assertThat(r.route()).isEqualTo("openai/gpt-4o");
        assertThat(r.provider()).isEqualTo("openai");
        assertThat(r.model()).isEqualTo("gpt-4o");
        assertThat(r.outcome()).isEqualTo("ok");
        assertThat(r.stream()).isFalse();
        assertThat(r.inputTokens()).isEqualTo(12);
        assertThat(r.cacheReadTokens()).isEqualTo(4);
        assertThat(r.cacheWriteTokens()).as("not reported stays null").isNull();
        assertThat(r.costUsd()).isEqualByComparingTo("0.000012");
        assertThat(r.priceVersion()).isEqualTo("test-v1");
        assertThat(r.tags()).containsExactly("team:a");
    }

    @Test
    void aFailedAttemptIsRecordedWithItsErrorKindAndNoCost() {
        openai.then(Step.fail(new AuthFailed(ErrorInfo.upstream("openai", 401, "bad key"))));
        assertThatThrownBy(() -> gateway(openai).chat(request("openai/gpt-4o"), ctx()))
                .isInstanceOf(AuthFailed.class);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("auth_failed");
            assertThat(r.costUsd()).isNull();
            assertThat(r.inputTokens()).isNull();
        });
    }

    @Test
    void aDirectRequestIsRetriedOnceByDefaultAndEveryAttemptIsRecorded() {
        openai.then(Step.fail(new RateLimited(ErrorInfo.upstream("openai", 429, "slow down"), null)))
                .then(Step.fail(new RateLimited(ErrorInfo.upstream("openai", 429, "slow down"), null)));
        assertThatThrownBy(() -> gateway(openai).chat(request("openai/gpt-4o"), ctx()))
                .isInstanceOfSatisfying(
                        AllTargetsFailed.class, e -> assertThat(e.httpStatus()).isEqualTo(429));
        assertThat(records).extracting(CostRecord::attempt).containsExactly(1, 2);
        assertThat(records).extracting(CostRecord::outcome).containsOnly("rate_limited");
        assertThat(time.sleeps()).hasSize(1);
    }

    @Test
    void unknownProvidersAndModelsAre404AndUnconfiguredProvidersSaySo() {
        Gateway g = gateway(openai, new ScriptedProvider("azure").unavailable("provider 'azure' has no API key"));
        assertThatThrownBy(() -> g.chat(request("nosuch/x"), ctx()))
                .isInstanceOf(ModelNotFound.class)
                .hasMessageContaining("Unknown provider 'nosuch'");
        assertThatThrownBy(() -> g.chat(request("gpt-4o"), ctx()))
                .isInstanceOf(ModelNotFound.class)
                .hasMessageContaining("route name (default)");
        assertThatThrownBy(() -> g.chat(request("azure/gpt"), ctx()))
                .isInstanceOf(NotConfigured.class)
                .hasMessageContaining("no API key");
        assertThat(records).isEmpty();
    }

    @Test
    void aStreamIsRecordedOnceAtItsEndWithUsageAndTimeToFirstToken() {
        openai.then(Step.answer("streamed", Usage.of(7, 2)));
        GatewayStream s = gateway(openai).stream(request("openai/gpt-4o"), ctx());
        StringBuilder text = new StringBuilder();
        for (StreamEvent e = s.next(); e != null; e = s.next()) {
            if (e instanceof StreamEvent.TextDelta t) text.append(t.text());
        }
        s.close();
        assertThat(text.toString()).isEqualTo("streamed");
        assertThat(s.quote().costUsd()).isEqualByComparingTo("0.000007");
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.stream()).isTrue();
            assertThat(r.outcome()).isEqualTo("ok");
            assertThat(r.outputTokens()).isEqualTo(2);
            assertThat(r.ttftMs()).isNotNull();
        });
    }

    @Test
    void aStreamBrokenMidwayKeepsTheUsageSeenSoFar() {
        openai.then(Step.breakAfter(
                new UpstreamError(ErrorInfo.of("cut"), true),
                new StreamEvent.Started("x", "m"),
                new StreamEvent.UsageReported(Usage.of(9, 0)),
                new StreamEvent.TextDelta("par")));
        GatewayStream s = gateway(openai).stream(request("openai/gpt-4o"), ctx());
        assertThatThrownBy(() -> {
                    while (s.next() != null) {
                        /* drain */
                    }
                })
                .isInstanceOf(UpstreamError.class);
        s.close();
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("upstream_error");
            assertThat(r.inputTokens()).isEqualTo(9);
            assertThat(r.costUsd()).isEqualByComparingTo("0.000009");
        });
    }

    @Test
    void aClientThatGoesAwayIsRecordedAsCancelled() {
        openai.then(Step.answer("never read", Usage.of(3, 1)));
        GatewayStream s = gateway(openai).stream(request("openai/gpt-4o"), ctx());
        s.close();
        assertThat(records).singleElement().extracting(CostRecord::outcome).isEqualTo("client_cancelled");
    }
}
