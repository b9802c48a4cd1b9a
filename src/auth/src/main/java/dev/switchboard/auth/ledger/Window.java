package dev.switchboard.auth.ledger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The windows counters live in, aligned to UTC: a budget "per day" resets at 00:00 UTC, "per month" on the 1st.
 * {@link #code()} is the short form used in store keys ({@code m}, {@code d}, {@code mo}).
 */
public enum Window {
    MINUTE("m"),
    DAY("d"),
    MONTH("mo");

    private final String code;

    Window(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Window ofCode(String code) {
        for (Window w : values()) {
            if (w.code.equals(code)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown window code " + code);
    }

    public Instant start(Instant at) {
        return switch (this) {
            case MINUTE -> at.truncatedTo(ChronoUnit.MINUTES);
            case DAY -> at.truncatedTo(ChronoUnit.DAYS);
            case MONTH ->
                ZonedDateTime.ofInstant(at, ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.DAYS)
                        .withDayOfMonth(1)
                        .toInstant();
        };
    }

    /** When the window containing {@code at} ends (= when its limits reset). */
    public Instant end(Instant at) {
        Instant start = start(at);
        return switch (this) {
            case MINUTE -> start.plus(1, ChronoUnit.MINUTES);
            case DAY -> start.plus(1, ChronoUnit.DAYS);
            case MONTH ->
                ZonedDateTime.ofInstant(start, ZoneOffset.UTC).plusMonths(1).toInstant();
        };
    }
}
