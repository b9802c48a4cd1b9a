package dev.switchboard.api.auth;

import dev.switchboard.auth.GatewayKey;
import dev.switchboard.auth.ledger.Reservation;
import dev.switchboard.core.gateway.RequestContext;

/**
 * A request let through: the key it runs under (null when the gateway does not check keys), what the ledger
 * reserved for it (null: nothing to settle), and its context attributed to the key.
 */
public record Pass(GatewayKey key, Reservation reservation, RequestContext context) {}
