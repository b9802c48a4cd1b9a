package dev.switchboard.auth.ledger;

import java.time.Instant;

/** A window's counters for one key, e.g. after a settle (budget alerts compare them to the budget). */
public record WindowTotals(Window window, Instant start, Amounts totals) {}
