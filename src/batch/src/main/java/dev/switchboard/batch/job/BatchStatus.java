package dev.switchboard.batch.job;

import java.util.Locale;

/** OpenAI's batch lifecycle: validating → in_progress → finalizing → completed, or failed / expired / cancelled. */
public enum BatchStatus {
    VALIDATING,
    FAILED,
    IN_PROGRESS,
    FINALIZING,
    COMPLETED,
    EXPIRED,
    CANCELLING,
    CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BatchStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** Nothing more will happen to a job in this state. */
    public boolean terminal() {
        return this == FAILED || this == COMPLETED || this == EXPIRED || this == CANCELLED;
    }
}
