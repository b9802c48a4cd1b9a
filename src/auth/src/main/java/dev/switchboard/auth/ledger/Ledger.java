package dev.switchboard.auth.ledger;

import java.time.Instant;
import java.util.List;

/**
 * Budgets and rate limits that hold across gateway instances: integer counters per (key, window, window start).
 *
 * <p>Protocol: {@link #admit} before the upstream call (checks every limit, then reserves the estimate, in one
 * atomic step), {@link #settle} exactly once after it (adds actual − reserved; streams, aborted streams and failed
 * calls included). Spend can overshoot a budget by at most the estimates of the requests admitted while it was
 * still below its max (plus any actual above its estimate).
 *
 * <p>Every implementation must make {@code admit} and {@code settle} atomic across processes (Redis: one Lua script;
 * DynamoDB: one conditional TransactWriteItems / UpdateItem; Firestore: one transaction) and keep DAY and MONTH
 * rows at least as long as {@link #usage} should report them; MINUTE rows may expire with their window.
 * {@code LedgerContract} in this module's test fixtures is the executable form of this contract.
 *
 * <p>Failures to reach the backend are thrown as {@link LedgerUnavailable}.
 */
public interface Ledger {

    /**
     * Atomically: read the (key, window, start) counters of every window kind at {@code request.now()}; if any
     * limit has {@code used >= max} answer {@link Admission.Denied} and change nothing; else add the estimate to the
     * MINUTE, DAY and MONTH rows (always all three, limits or not, so usage is complete) and answer
     * {@link Admission.Admitted} with the states after the reservation.
     */
    Admission admit(AdmitRequest request);

    /**
     * Adds {@code actual − reservation.reserved()} to the rows of the windows containing
     * {@code reservation.admittedAt()}; answers the DAY and MONTH totals after the change (one atomic step, so
     * exactly one settle sees a given threshold crossed).
     */
    List<WindowTotals> settle(Reservation reservation, Amounts actual);

    /** DAY or MONTH rows for the admin API, ordered by start then key id. */
    List<UsageRow> usage(UsageQuery query);

    /**
     * Records that the {@code percent} budget alert fired for a key's (window, start): true for the first caller
     * across all instances, false after (create-if-absent). Lets each alert fire once per window.
     */
    boolean markAlert(String keyId, Window window, Instant windowStart, int percent);
}
