package dev.switchboard.api.auth;

import dev.switchboard.auth.ledger.Amounts;
import dev.switchboard.auth.ledger.NanoUsd;
import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.cost.PriceRequest;
import dev.switchboard.core.cost.Pricer;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.routing.RequestEstimate;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteTarget;
import dev.switchboard.core.spi.ChatProvider;
import jakarta.inject.Singleton;

/**
 * What the ledger reserves before a call: one request, the estimated input plus max_tokens (the target's, the
 * caller's, else {@value RequestEstimate#DEFAULT_OUTPUT_TOKENS}), priced at the dearest target of the route.
 * An unknown price reserves no money (the settled cost is then whatever the records say: nothing when unpriced).
 */
@Singleton
public class CallEstimator {
    private final Gateway gateway;
    private final Pricer pricer;

    CallEstimator(Gateway gateway, Pricer pricer) {
        this.gateway = gateway;
        this.pricer = pricer;
    }

    Amounts estimate(ChatRequest request) {
        RequestEstimate size = RequestEstimate.of(request);
        Route route;
        try {
            route = gateway.resolve(request.model());
        } catch (SwitchboardException unknownModel) {
            long out = size.requestedOutputTokens() != null
                    ? size.requestedOutputTokens()
                    : RequestEstimate.DEFAULT_OUTPUT_TOKENS;
            return Amounts.request(0, size.inputTokens() + out);
        }
        long tokens = 0;
        long cost = 0;
        for (RouteTarget target : route.targets()) {
            long out = size.outputTokens(target);
            tokens = Math.max(tokens, size.inputTokens() + out);
            ChatProvider provider = gateway.providers().get(target.ref().provider());
            if (provider == null) continue;
            PriceQuote quote = pricer.quote(
                    new PriceRequest(target.ref(), provider.type(), null, Usage.of(size.inputTokens(), out), false));
            if (quote.costUsd() != null) cost = Math.max(cost, NanoUsd.of(quote.costUsd()));
        }
        return Amounts.request(cost, tokens);
    }
}
