/**
 * Routes and the policies the gateway's router applies to them.
 *
 * <p>A {@link dev.switchboard.core.routing.Route} is an ordered list of
 * {@link dev.switchboard.core.routing.RouteTarget}s (provider/model, weight, {@link
 * dev.switchboard.core.routing.TargetParams} overriding the caller's), a {@link dev.switchboard.core.routing.Strategy},
 * a {@link dev.switchboard.core.routing.RetryPolicy}, {@link dev.switchboard.core.routing.RouteTimeouts}, the
 * {@link dev.switchboard.core.model.Capability capabilities} it requires, and whether it may fall across providers.
 * Per request the router keeps the targets the {@link dev.switchboard.core.routing.CapabilityFilter} admits, orders
 * them ({@link dev.switchboard.core.routing.TargetOrdering}), skips those whose
 * {@link dev.switchboard.core.routing.CircuitBreaker} is open, and tries the rest in turn.
 *
 * <p>Configuration maps onto it like this (defaults shown):
 * <pre>{@code
 * switchboard:
 *   routes:
 *     chat:
 *       strategy: ordered            # ordered | weighted | fastest | cheapest
 *       cross-provider: false        # must be true when targets span providers
 *       requires: []                 # tools, vision, json_schema, reasoning
 *       retry:
 *         max-attempts: 2            # per target, the first included
 *         base-delay: 250ms
 *         max-delay: 2s
 *         retry-after-cap: 10s
 *       timeouts:                    # unset: the gateway's request/idle timeouts, no deadline
 *         attempt: 30s
 *         first-token: 10s
 *         deadline: 60s
 *       targets:
 *         - model: openai/gpt-4o     # a plain string "openai/gpt-4o" is weight 1, no params
 *           weight: 3
 *           params: { temperature: 0.2, max_tokens: 1024, reasoning_effort: low, service_tier: flex }
 * }</pre>
 */
package dev.switchboard.core.routing;
