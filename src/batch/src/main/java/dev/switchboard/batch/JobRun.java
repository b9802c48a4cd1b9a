package dev.switchboard.batch;

import dev.switchboard.batch.format.BatchEndpoint;
import dev.switchboard.batch.format.BatchLine;
import dev.switchboard.batch.format.LineReader;
import dev.switchboard.batch.job.BatchObject;
import dev.switchboard.batch.job.BatchStatus;
import dev.switchboard.batch.job.JobLayout;
import dev.switchboard.batch.job.LineResult;
import dev.switchboard.batch.job.RequestCounts;
import dev.switchboard.batch.store.BlobStore;
import dev.switchboard.core.routing.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * One invocation's work on the lines of a validated job: {@code concurrency} workers take the next line without a
 * result, run it and checkpoint it, until the input ends, the budget runs low, the job is cancelled or expires, or a
 * newer run takes over. Upstream 429s pause every worker (Retry-After, else exponential backoff) instead of failing
 * lines.
 */
final class JobRun {

    /** Why the workers stopped. */
    enum Stop {
        DONE,
        DEADLINE,
        CANCELLED,
        EXPIRED,
        SUPERSEDED
    }

    private final BlobStore store;
    private final JobLayout layout;
    private final BatchSettings settings;
    private final LineRunner runner;
    private final Clock clock;
    private final LongSupplier ticker;
    private final Sleeper sleeper;
    private final int seq;
    private final BatchObject batch;
    private final InputSource input;
    private final Budget budget;
    private final BatchEndpoint required;

    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private final AtomicLong pausedUntil = new AtomicLong(); // ticker nanos; 0: no pause yet
    private final AtomicInteger consecutive429 = new AtomicInteger();
    private final AtomicLong lastControlCheck = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger sinceProgress = new AtomicInteger();
    private BitSet done;
    private LineReader reader;

    JobRun(
            BlobStore store,
            JobLayout layout,
            BatchSettings settings,
            LineRunner runner,
            Clock clock,
            LongSupplier ticker,
            Sleeper sleeper,
            int seq,
            BatchObject batch,
            InputSource input,
            Budget budget) {
        this.store = store;
        this.layout = layout;
        this.settings = settings;
        this.runner = runner;
        this.clock = clock;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.seq = seq;
        this.batch = batch;
        this.input = input;
        this.budget = budget;
        this.required = batch.endpoint() == null
                ? null
                : BatchEndpoint.ofUrl(batch.endpoint()).orElse(null);
        this.completed.set(batch.counts().completed());
        this.failed.set(batch.counts().failed());
    }

    Stop run() {
        done = new BitSet();
        for (String key : store.list(layout.results())) {
            int line = layout.lineOf(key);
            if (line > 0) done.set(line);
        }
        try {
            reader = new LineReader(input.open(), settings.limits().maxLineBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input of " + batch.id(), e);
        }
        try (ExecutorService workers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name(batch.id() + "-", 0).factory())) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < settings.concurrency(); i++) futures.add(workers.submit(this::work));
            Throwable failure = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    stop.compareAndSet(null, Stop.DEADLINE);
                    if (failure == null) failure = e.getCause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.compareAndSet(null, Stop.DEADLINE);
                    if (failure == null) failure = e;
                }
            }
            if (failure instanceof Error err) throw err;
            if (failure instanceof RuntimeException re) throw re;
            if (failure != null) throw new IllegalStateException("batch worker failed", failure);
        } finally {
            try {
                reader.close();
            } catch (IOException ignored) {
                // input stream of a finished run
            }
        }
        Stop why = stop.get() == null ? Stop.DONE : stop.get();
        if (why == Stop.DEADLINE) writeProgress(); // a superseded run leaves the counts to the newer one
        return why;
    }

    private void work() {
        while (stop.get() == null) {
            if (!checkControls()) return;
            BatchLine line = nextLine();
            if (line == null) return;
            if (store.exists(layout.result(line.line()))) continue; // another worker finished it since we listed
            LineResult result = call(line);
            if (result == null) return; // stopped while waiting out a 429: the line stays for the next run
            if (store.createIfAbsent(layout.result(line.line()), result.toBytes())) {
                (result.ok() ? completed : failed).incrementAndGet();
                if (sinceProgress.incrementAndGet() >= settings.progressEvery()) {
                    sinceProgress.set(0);
                    writeProgress();
                }
            }
        }
    }

    /** Runs the line, pausing on 429s; null when the run must stop before the line has a result. */
    private LineResult call(BatchLine line) {
        int waits = 0;
        while (true) {
            if (!waitOutPause()) return null;
            try {
                LineResult r = runner.run(batch.id(), line, waits >= settings.maxRateLimitWaits());
                consecutive429.set(0);
                return r;
            } catch (LineRunner.RateLimitedLine e) {
                waits++;
                pause(e.retryAfter());
            }
        }
    }

    private void pause(Duration retryAfter) {
        int n = consecutive429.incrementAndGet();
        Duration delay = retryAfter;
        if (delay == null) {
            long factor = 1L << Math.min(n - 1, 20);
            delay = settings.rateLimitBackoff().multipliedBy(factor);
        }
        if (delay.compareTo(settings.maxRateLimitBackoff()) > 0) delay = settings.maxRateLimitBackoff();
        long until = ticker.getAsLong() + delay.toNanos();
        pausedUntil.accumulateAndGet(until, Math::max);
    }

    /** Sleeps until the shared 429 pause is over; false when the budget cannot take the pause plus a line. */
    private boolean waitOutPause() {
        while (true) {
            long until = pausedUntil.get();
            long wait = until - ticker.getAsLong();
            if (until == 0 || wait <= 0) return true;
            Duration d = Duration.ofNanos(wait);
            if (budget.remaining().minus(d).compareTo(settings.lineAllowance().plus(settings.checkpointReserve()))
                    < 0) {
                stop.compareAndSet(null, Stop.DEADLINE);
                return false;
            }
            try {
                sleeper.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.compareAndSet(null, Stop.DEADLINE);
                return false;
            }
        }
    }

    /** Deadline, expiry, cancel and take-over checks before a line is taken; false to stop. */
    private boolean checkControls() {
        if (budget.remaining().compareTo(settings.lineAllowance().plus(settings.checkpointReserve())) < 0) {
            stop.compareAndSet(null, Stop.DEADLINE);
            return false;
        }
        Long expires = batch.times().expiresAt();
        if (expires != null && clock.instant().getEpochSecond() >= expires) {
            stop.compareAndSet(null, Stop.EXPIRED);
            return false;
        }
        long now = ticker.getAsLong();
        long last = lastControlCheck.get();
        boolean due =
                last == Long.MIN_VALUE || now - last >= settings.controlPoll().toNanos();
        if (due && lastControlCheck.compareAndSet(last, now)) {
            if (store.exists(layout.cancel())) stop.compareAndSet(null, Stop.CANCELLED);
            else if (store.exists(layout.run(seq + 1))) stop.compareAndSet(null, Stop.SUPERSEDED);
        }
        return stop.get() == null;
    }

    /** The next request line without a listed result; null at the end of the input. */
    private synchronized BatchLine nextLine() {
        try {
            LineReader.Line l;
            while ((l = reader.next()) != null) {
                if (l.oversized() || l.blank() || done.get(l.number())) continue;
                try {
                    return BatchLine.parse(l.number(), l.bytes(), required);
                } catch (BatchLine.Malformed m) {
                    // validated before: the input changed under the job
                    throw new IllegalStateException(
                            "input of " + batch.id() + " changed after validation (line " + l.number() + ")");
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input of " + batch.id(), e);
        }
    }

    private synchronized void writeProgress() {
        BatchStatus status = store.exists(layout.cancel()) ? BatchStatus.CANCELLING : BatchStatus.IN_PROGRESS;
        RequestCounts counts = new RequestCounts(batch.counts().total(), completed.get(), failed.get());
        BatchObject current =
                store.get(layout.batch()).map(BatchObject::fromBytes).orElse(batch);
        if (current.status().terminal()) return;
        store.put(
                layout.batch(),
                current.withCounts(counts)
                        .withStatus(status, clock.instant().getEpochSecond())
                        .toBytes());
    }
}
