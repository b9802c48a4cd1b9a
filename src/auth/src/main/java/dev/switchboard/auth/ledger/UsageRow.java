package dev.switchboard.auth.ledger;

import java.time.Instant;

/**
 * One key's counters in one window. Cost includes the estimates of calls still in flight.
 */
public record UsageRow(String keyId, String tenant, Window window, Instant start, Amounts totals) {}
