package dev.switchboard.auth.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link Ledger#admit} counted, to be settled exactly once with the real amounts. The windows are those
 * containing {@code admittedAt}, so a call crossing midnight settles into the day it was admitted in.
 */
public record Reservation(String keyId, String tenant, Instant admittedAt, Amounts reserved) {

    public Reservation {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(admittedAt, "admittedAt");
        Objects.requireNonNull(reserved, "reserved");
        tenant = tenant == null ? keyId : tenant;
    }

    /** Nothing reserved (the ledger was down at admission and the deployment fails open): settle adds it all. */
    public static Reservation none(String keyId, String tenant, Instant at) {
        return new Reservation(keyId, tenant, at, Amounts.ZERO);
    }
}
