package dev.switchboard.server.keys;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock gateway keys are judged by in tests: standing still (so no minute window ends mid-test) until a test
 * moves it. Only the auth layer reads it.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {
    public static final Instant START = Instant.parse("2030-01-15T10:00:05Z");
    private volatile Instant now = START;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }
}
