package dev.switchboard.core.routing;

import java.time.Duration;

/** How the router waits between retries; tests inject one that advances a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = d -> Thread.sleep(d);

    void sleep(Duration duration) throws InterruptedException;
}
