package dev.switchboard.core.gateway;

import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.model.ModelRef;

/**
 * How a request was served: the route, the target that answered, how many attempts it took, the time spent
 * waiting on upstreams (the rest is the gateway's overhead) and the price of the answering attempt.
 */
public record CallInfo(String route, ModelRef target, int attempts, long upstreamNanos, PriceQuote price) {
    public CallInfo withPrice(PriceQuote newPrice) {
        return new CallInfo(route, target, attempts, upstreamNanos, newPrice);
    }
}
