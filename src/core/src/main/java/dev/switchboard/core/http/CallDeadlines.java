package dev.switchboard.core.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Time limits of upstream HTTP calls, enforced by one shared daemon thread that looks at the calls in flight every
 * {@link #TICK} and interrupts the calling thread of any call past its deadline ({@code HttpClient.send} then
 * cancels the exchange and closes its connection).
 *
 * <p>Why not the JDK's own means: {@code HttpRequest.timeout} stops counting once the response headers are in, so a
 * body that stalls after them would hang; and a timed wait per call ({@code future.get(timeout)}), like the
 * request timeout itself, arms a timer whose thread has to be woken on every call. Registering here is two
 * concurrent-set operations and wakes nobody; the price is that a deadline fires up to one tick late.
 */
final class CallDeadlines {
    static final Duration TICK = Duration.ofMillis(50);

    private static final Set<Watch> ACTIVE = ConcurrentHashMap.newKeySet();
    private static volatile Thread watchdog;

    private CallDeadlines() {}

    /** Starts watching the current thread's call; close the watch when the call returns, whatever its outcome. */
    static Watch watch(Duration timeout) {
        ensureWatchdog();
        Watch w = new Watch(Thread.currentThread(), System.nanoTime() + timeout.toNanos());
        ACTIVE.add(w);
        return w;
    }

    /** One call in flight. */
    static final class Watch implements AutoCloseable {
        private final Thread thread;
        private final long deadline;
        private boolean done;
        private boolean expired;

        private Watch(Thread thread, long deadline) {
            this.thread = thread;
            this.deadline = deadline;
        }

        /** Whether the deadline passed before the watch was closed (the caller was then interrupted). */
        synchronized boolean expired() {
            return expired;
        }

        /** Ends the watch; clears the interrupt the watchdog may have sent, so that it cannot leak past the call. */
        @Override
        public void close() {
            ACTIVE.remove(this);
            synchronized (this) {
                done = true;
                if (expired) Thread.interrupted();
            }
        }

        private synchronized void expireIfDue(long now) {
            if (!done && !expired && now - deadline >= 0) {
                expired = true;
                thread.interrupt();
            }
        }
    }

    /** Starts the watchdog, or starts it again should it ever have died (of an Error). */
    private static void ensureWatchdog() {
        Thread t = watchdog;
        if (t != null && t.isAlive()) return;
        synchronized (CallDeadlines.class) {
            t = watchdog;
            if (t != null && t.isAlive()) return;
            watchdog = Thread.ofPlatform().daemon().name("switchboard-call-deadlines").start(CallDeadlines::run);
        }
    }

    private static void run() {
        long tick = TICK.toNanos();
        while (true) {
            try {
                TimeUnit.NANOSECONDS.sleep(tick);
                if (ACTIVE.isEmpty()) continue;
                long now = System.nanoTime();
                for (Watch w : ACTIVE) w.expireIfDue(now);
            } catch (InterruptedException | RuntimeException e) {
                // nobody interrupts this thread on purpose, and nothing here should throw: keep watching
            }
        }
    }
}
