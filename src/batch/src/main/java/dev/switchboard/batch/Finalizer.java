package dev.switchboard.batch;

import dev.switchboard.batch.format.BatchLine;
import dev.switchboard.batch.format.LineReader;
import dev.switchboard.batch.job.BatchObject;
import dev.switchboard.batch.job.BatchStatus;
import dev.switchboard.batch.job.BatchTotals;
import dev.switchboard.batch.job.JobLayout;
import dev.switchboard.batch.job.LineResult;
import dev.switchboard.batch.job.RequestCounts;
import dev.switchboard.batch.store.BlobStore;
import dev.switchboard.batch.store.BlobStoreException;
import dev.switchboard.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Ends a job: reads every line's checkpoint in line order into the output file (2xx answers) and the error file
 * (the rest; for an expired job also one {@code batch_expired} line per request never run), sums the totals and
 * writes the final batch object. Deterministic, so a finalization interrupted half-way is simply done again.
 */
final class Finalizer {
    private final BlobStore store;
    private final JobLayout layout;
    private final BatchSettings settings;
    private final Clock clock;

    Finalizer(BlobStore store, JobLayout layout, BatchSettings settings, Clock clock) {
        this.store = store;
        this.layout = layout;
        this.settings = settings;
        this.clock = clock;
    }

    BatchObject finish(BatchObject batch, BatchStatus end, InputSource input) {
        long now = clock.instant().getEpochSecond();
        if (end == BatchStatus.COMPLETED) {
            batch = batch.withStatus(BatchStatus.FINALIZING, now);
            store.put(layout.batch(), batch.toBytes());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int ok = 0;
        int bad = 0;
        BatchTotals totals = BatchTotals.NONE;
        BitSet seen = new BitSet();
        for (LineResult r : readResults()) {
            seen.set(r.line());
            (r.ok() ? out : err).writeBytes(line(Json.bytes(r.output())));
            if (r.ok()) ok++;
            else bad++;
            totals = totals.plus(r);
        }
        if (end == BatchStatus.EXPIRED) bad += writeExpired(batch, input, seen, err);
        boolean wroteOut = out.size() > 0;
        boolean wroteErr = err.size() > 0;
        if (wroteOut) store.put(layout.output(), out.toByteArray());
        if (wroteErr) store.put(layout.errors(), err.toByteArray());
        BatchObject last = batch.withCounts(new RequestCounts(batch.counts().total(), ok, bad))
                .withResults(
                        wroteOut ? JobIds.outputFileId(batch.id()) : null,
                        wroteErr ? JobIds.errorFileId(batch.id()) : null,
                        totals)
                .withStatus(end, clock.instant().getEpochSecond());
        store.put(layout.batch(), last.toBytes());
        return last;
    }

    /** Every checkpoint, in line order, fetched {@code concurrency} at a time (remote stores answer slowly). */
    private List<LineResult> readResults() {
        List<String> keys = store.list(layout.results()).stream()
                .filter(k -> layout.lineOf(k) > 0)
                .toList();
        List<LineResult> results = new ArrayList<>(keys.size());
        try (ExecutorService pool =
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory())) {
            int chunk = Math.max(1, settings.concurrency());
            for (int from = 0; from < keys.size(); from += chunk) {
                List<Future<byte[]>> batch = new ArrayList<>();
                for (String key : keys.subList(from, Math.min(keys.size(), from + chunk))) {
                    batch.add(pool.submit(
                            () -> store.get(key).orElseThrow(() -> new BlobStoreException("vanished: " + key))));
                }
                for (Future<byte[]> f : batch) results.add(LineResult.fromBytes(f.get()));
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error er) throw er;
            throw new BlobStoreException("cannot read the results of " + layout.jobId(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BlobStoreException("interrupted while reading the results of " + layout.jobId(), e);
        }
        return results;
    }

    private int writeExpired(BatchObject batch, InputSource input, BitSet seen, ByteArrayOutputStream err) {
        int n = 0;
        try (LineReader reader = new LineReader(input.open(), settings.limits().maxLineBytes())) {
            LineReader.Line l;
            while ((l = reader.next()) != null) {
                if (l.oversized() || l.blank() || seen.get(l.number())) continue;
                BatchLine line;
                try {
                    line = BatchLine.parse(l.number(), l.bytes(), null);
                } catch (BatchLine.Malformed m) {
                    continue;
                }
                err.writeBytes(line(Json.bytes(LineRunner.notRun(
                        batch.id(),
                        line,
                        "batch_expired",
                        "This request could not be executed before the completion window expired."))));
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input of " + batch.id(), e);
        }
        return n;
    }

    private static byte[] line(byte[] json) {
        byte[] b = new byte[json.length + 1];
        System.arraycopy(json, 0, b, 0, json.length);
        b[json.length] = '\n';
        return b;
    }
}
