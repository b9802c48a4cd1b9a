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
 *
 * <p>The watchdog ends after {@link #IDLE_EXIT} without calls and is started again by the next one, so a class loader
 * that is thrown away (dev-mode reload, a test restarting the application) does not leave it running.
 */
final class CallDeadlines {
    static final Duration TICK = Duration.ofMillis(50);
    static final Duration IDLE_EXIT = Duration.ofSeconds(5);

    private static final Set<Watch> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final Object LOCK = new Object();
    private static Thread watchdog; // guarded by LOCK

    private CallDeadlines() {}

    /** Starts watching the current thread's call; close the watch when the call returns, whatever its outcome. */
    static Watch watch(Duration timeout) {
        Watch w = new Watch(Thread.currentThread(), System.nanoTime() + timeout.toNanos());
        // Adding and checking for a watchdog under the lock the watchdog holds when it decides to end: a watch is
        // never added just as it leaves. The lock is uncontended but for that moment.
        synchronized (LOCK) {
            ACTIVE.add(w);
            if (watchdog == null || !watchdog.isAlive()) {
                watchdog = Thread.ofPlatform()
                        .daemon()
                        .name("switchboard-call-deadlines")
                        .start(CallDeadlines::run);
            }
        }
        return w;
    }

    /** Whether the watchdog is running (tests). */
    static boolean watching() {
        synchronized (LOCK) {
            return watchdog != null && watchdog.isAlive();
        }
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

    private static void run() {
        long tick = TICK.toNanos();
        long idleTicks = IDLE_EXIT.toNanos() / tick;
        long idle = 0;
        while (true) {
            try {
                TimeUnit.NANOSECONDS.sleep(tick);
                if (ACTIVE.isEmpty()) {
                    if (++idle < idleTicks) continue;
                    synchronized (LOCK) {
                        if (ACTIVE.isEmpty()) {
                            watchdog = null;
                            return;
                        }
                    }
                }
                idle = 0;
                long now = System.nanoTime();
                for (Watch w : ACTIVE) w.expireIfDue(now);
            } catch (InterruptedException | RuntimeException e) {
                // nobody interrupts this thread on purpose, and nothing here should throw: keep watching
            }
        }
    }
}
