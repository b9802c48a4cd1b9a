package dev.switchboard.auth.ledger;

import java.util.List;

/** The ledger's answer to {@link Ledger#admit}. */
public sealed interface Admission {

    /** Every limit's state, in the request's order (for x-ratelimit-* headers). */
    List<LimitState> states();

    /** Counted; the caller must {@link Ledger#settle} the reservation once the call is over (or failed). */
    record Admitted(Reservation reservation, List<LimitState> states) implements Admission {
        public Admitted {
            states = List.copyOf(states);
        }
    }

    /** Nothing was counted. {@code exceeded} is the first reached limit in the request's order. */
    record Denied(LimitState exceeded, List<LimitState> states) implements Admission {
        public Denied {
            states = List.copyOf(states);
        }
    }
}
