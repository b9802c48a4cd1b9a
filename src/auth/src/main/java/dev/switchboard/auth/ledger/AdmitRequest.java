package dev.switchboard.auth.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One call about to go upstream.
 *
 * @param keyId    the gateway key's id
 * @param tenant   recorded on the window rows so usage can be grouped by tenant
 * @param now      the gateway's clock (injected: tests move windows by moving it)
 * @param estimate what to reserve: 1 request, estimated tokens (input + max_tokens), their cost at the target's price
 * @param limits   the key's limits; empty = count only
 */
public record AdmitRequest(String keyId, String tenant, Instant now, Amounts estimate, List<Limit> limits) {

    public AdmitRequest {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(estimate, "estimate");
        tenant = tenant == null ? keyId : tenant;
        limits = limits == null ? List.of() : List.copyOf(limits);
    }
}
