package dev.switchboard.emulator.nativebatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.behavior.Json;
import dev.switchboard.emulator.http.Generation;
import dev.switchboard.emulator.http.HttpCodec;
import dev.switchboard.emulator.http.HttpReply;
import dev.switchboard.emulator.http.Incoming;
import dev.switchboard.emulator.http.ResponseWriter;
import dev.switchboard.emulator.http.Route;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One provider's emulated batch jobs, and their admin controls under {@code /_emulator/<provider>/batches}:
 *
 * <ul>
 *   <li>{@code POST .../{id}/finish}: every line gets its result;</li>
 *   <li>{@code POST .../{id}/expire?after=N}: the first N lines (input order) get results, the rest expire;</li>
 *   <li>{@code GET .../count}: {@code {"count": n}}, jobs in any state;</li>
 *   <li>{@code POST .../settings?finish-after-gets=N}: jobs finish by themselves at their N-th GET (0: only by
 *       the controls above), so a job driven end to end through a server completes without a test's help.</li>
 * </ul>
 */
public final class EmulatedBatches {

    /** GETs after which a job finishes by itself unless changed: a handful of polls, not one. */
    public static final int DEFAULT_FINISH_AFTER_GETS = 3;

    private final String idPrefix;
    private final Map<String, EmulatedBatch> jobs = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile int finishAfterGets = DEFAULT_FINISH_AFTER_GETS;
    private boolean loseNextCreateAnswer;

    /** @param idPrefix how this provider's job ids start ("msgbatch_", "") */
    public EmulatedBatches(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    public synchronized EmulatedBatch create(
            String displayName,
            List<EmulatedBatch.Line> lines,
            Function<EmulatedBatch.Line, EmulatedBatch.Outcome> answerer) {
        String id = idPrefix + "emu" + HexFormat.of().toHexDigits(sequence.incrementAndGet());
        EmulatedBatch job = new EmulatedBatch(id, displayName, Instant.now(), lines, answerer);
        jobs.put(id, job);
        return job;
    }

    public synchronized Optional<EmulatedBatch> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** A provider GET of one job: counts toward {@link #finishAfterGets}. */
    public Optional<EmulatedBatch> poll(String id) {
        Optional<EmulatedBatch> job = get(id);
        job.ifPresent(j -> j.polled(finishAfterGets));
        return job;
    }

    /** Every job, newest first. */
    public synchronized List<EmulatedBatch> newestFirst() {
        List<EmulatedBatch> all = new ArrayList<>(jobs.values());
        java.util.Collections.reverse(all);
        return all;
    }

    public synchronized int count() {
        return jobs.size();
    }

    /**
     * The next create (where the provider's routes honour it: Anthropic) creates its job and then answers 500, as
     * when the answer is lost on the way: the job exists although the caller never learned its id.
     */
    public synchronized void loseNextCreateAnswer() {
        loseNextCreateAnswer = true;
    }

    /** Whether this create's answer is to be lost; clears the control. */
    public synchronized boolean takeLostAnswer() {
        boolean lose = loseNextCreateAnswer;
        loseNextCreateAnswer = false;
        return lose;
    }

    public void finishAfterGets(int gets) {
        finishAfterGets = Math.max(0, gets);
    }

    /**
     * The outcome of one line, answered as the real-time endpoint answers it ({@link Generation#answerOffline}: a
     * line whose last user message is {@link Generation#BATCH_FAIL_TEXT} gets a 400, an unknown model the
     * protocol's not-found error).
     */
    public static EmulatedBatch.Outcome answer(Generation generation, EmulatedBatch.Line line, HttpCodec codec) {
        return new EmulatedBatch.Outcome(line, generation.answerOffline(line.model(), line.request(), codec));
    }

    /** The admin routes of this store under {@code /_emulator/<provider>/batches}. */
    public List<Route> adminRoutes(String provider) {
        String base = "/_emulator/" + provider + "/batches";
        return List.of(
                Route.of("POST", base + "/([^/]+)/finish", in -> control(in, EmulatedBatch::finish)),
                Route.of("POST", base + "/([^/]+)/expire", in -> {
                    String after = in.queryParam("after");
                    int n = after == null ? 0 : Integer.parseInt(after);
                    control(in, job -> job.expireAfter(n));
                }),
                Route.of("GET", base + "/count", in -> reply(in, 200, Json.obj("count", count()))),
                Route.of("POST", base + "/settings", in -> {
                    String gets = in.queryParam("finish-after-gets");
                    if (gets != null) finishAfterGets(Integer.parseInt(gets));
                    reply(in, 200, Json.obj("finish_after_gets", finishAfterGets));
                }));
    }

    private void control(Incoming in, java.util.function.Consumer<EmulatedBatch> action) throws IOException {
        Optional<EmulatedBatch> job = get(in.pathParam(1));
        if (job.isEmpty()) {
            reply(in, 404, Json.obj("error", "no such batch job: " + in.pathParam(1)));
            return;
        }
        action.accept(job.get());
        reply(
                in,
                200,
                Json.obj("id", job.get().id(), "status", job.get().status().name()));
    }

    private static void reply(Incoming in, int status, JsonNode body) throws IOException {
        ResponseWriter.send(in.exchange(), HttpReply.json(status, body));
    }
}
