package dev.switchboard.core.gateway;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.error.AuthFailed;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.routing.CircuitBreakerConfig;
import dev.switchboard.core.routing.RetryPolicy;
import dev.switchboard.testing.FakeTime;
import dev.switchboard.testing.ScriptedProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A gateway on a fake clock (no test ever sleeps), fixed jitter 0.5, and the cost records it wrote. */
class RouterFixture {
    static final RetryPolicy TWO_TRIES =
            new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));

    final FakeTime time = new FakeTime();
    final List<CostRecord> records = new CopyOnWriteArrayList<>();
    final ScriptedProvider openai = new ScriptedProvider("openai", "openai").time(time::advance);
    final ScriptedProvider anthropic = new ScriptedProvider("anthropic", "anthropic").time(time::advance);
    private final AtomicInteger requestIds = new AtomicInteger();

    /** Input tokens priced at one micro-dollar each. */
    Gateway.Builder builder() {
        return Gateway.builder()
                .provider(openai)
                .provider(anthropic)
                .ticker(time.ticker())
                .sleeper(time.sleeper())
                .jitter(() -> 0.5)
                .circuitBreakers(CircuitBreakerConfig.DISABLED)
                .costSink(records::add)
                .pricer(req ->
                        new PriceQuote(new BigDecimal(req.usage().inputTokens()).movePointLeft(6), "test-v1", true));
    }

    static ChatRequest request(String model) {
        return ChatRequest.builder()
                .model(model)
                .messages(Message.user("hello"))
                .build();
    }

    RequestContext ctx() {
        return new RequestContext("req-" + requestIds.incrementAndGet(), time.now(), List.of(), null, null);
    }

    static ScriptedProvider.Step ok(String text) {
        return ScriptedProvider.Step.answer(text, Usage.of(10, 2));
    }

    static Overloaded overloaded() {
        return new Overloaded(ErrorInfo.upstream("openai", 503, "busy, key sk-secret"));
    }

    static RateLimited rateLimited(Duration retryAfter) {
        return new RateLimited(ErrorInfo.upstream("openai", 429, "slow down"), retryAfter);
    }

    static Timeout timeout() {
        return new Timeout(ErrorInfo.of("no answer").withProvider("openai"));
    }

    static AuthFailed authFailed() {
        return new AuthFailed(ErrorInfo.upstream("openai", 401, "bad key sk-secret"));
    }

    static InvalidRequest invalid() {
        return new InvalidRequest(
                ErrorInfo.upstream("openai", 400, "messages too long").withParam("messages"));
    }
}
