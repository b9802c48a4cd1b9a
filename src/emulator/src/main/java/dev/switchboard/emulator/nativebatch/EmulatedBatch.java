package dev.switchboard.emulator.nativebatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.http.HttpReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One emulated provider batch job: its lines in input order and how far it got. It runs until a test (or enough
 * GETs, see {@link EmulatedBatches#finishAfterGets}) finishes it; then every line is answered at once by the
 * protocol's answer function, so answers come from the same behavior path as real-time calls.
 */
public final class EmulatedBatch {

    public enum Status {
        RUNNING,
        COMPLETED,
        EXPIRED,
        CANCELLED
    }

    /**
     * One input line.
     *
     * @param key     the caller's id for it (Anthropic custom_id, Gemini metadata.key); null when none
     * @param model   the model it asks for
     * @param request the protocol's request body for this line
     */
    public record Line(String key, String model, JsonNode request) {}

    /**
     * A line's outcome: the protocol's complete answer or error reply, as the real-time endpoint would have sent it,
     * or null when the line did not run (expired, cancelled).
     */
    public record Outcome(Line line, HttpReply reply) {
        public boolean ran() {
            return reply != null;
        }

        public boolean answered() {
            return reply != null && reply.status() == 200;
        }
    }

    private final String id;
    private final String displayName;
    private final Instant createdAt;
    private final List<Line> lines;
    private final Function<Line, Outcome> answerer;
    private Status status = Status.RUNNING;
    private Instant endedAt;
    private Instant cancelledAt;
    private int gets;
    private List<Outcome> outcomes;

    EmulatedBatch(
            String id, String displayName, Instant createdAt, List<Line> lines, Function<Line, Outcome> answerer) {
        this.id = id;
        this.displayName = displayName;
        this.createdAt = createdAt;
        this.lines = List.copyOf(lines);
        this.answerer = answerer;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<Line> lines() {
        return lines;
    }

    public synchronized Status status() {
        return status;
    }

    public synchronized Instant endedAt() {
        return endedAt;
    }

    public synchronized Instant cancelledAt() {
        return cancelledAt;
    }

    /** Counts a provider GET; the job finishes by itself at the {@code limit}-th (0: never). */
    synchronized void polled(int limit) {
        gets++;
        if (limit > 0 && gets >= limit && status == Status.RUNNING) finish();
    }

    /** Every line gets its result. */
    public synchronized void finish() {
        end(Status.COMPLETED, lines.size());
    }

    /** The first {@code answered} lines (input order) get their results, the others expire unrun. */
    public synchronized void expireAfter(int answered) {
        end(Status.EXPIRED, Math.max(0, Math.min(answered, lines.size())));
    }

    /** Stops a running job: no line has run yet, so none has a result. A finished job stays as it is. */
    public synchronized void cancel() {
        if (status != Status.RUNNING) return;
        cancelledAt = Instant.now();
        end(Status.CANCELLED, 0);
    }

    private void end(Status outcome, int run) {
        if (status != Status.RUNNING) return;
        List<Outcome> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            out.add(i < run ? answerer.apply(lines.get(i)) : new Outcome(lines.get(i), null));
        }
        outcomes = List.copyOf(out);
        status = outcome;
        endedAt = Instant.now();
    }

    /** Each line's outcome in input order; empty while the job runs. */
    public synchronized List<Outcome> outcomes() {
        return outcomes == null ? List.of() : outcomes;
    }

    /** Lines answered, errored and not run, for the provider's counters. */
    public synchronized Counts counts() {
        if (outcomes == null) return new Counts(lines.size(), 0, 0, 0);
        int ok = 0;
        int failed = 0;
        for (Outcome o : outcomes) {
            if (o.answered()) ok++;
            else if (o.ran()) failed++;
        }
        return new Counts(0, ok, failed, lines.size() - ok - failed);
    }

    /**
     * @param running   lines not finished yet
     * @param succeeded lines answered
     * @param failed    lines with an error result
     * @param notRun    lines expired or cancelled
     */
    public record Counts(int running, int succeeded, int failed, int notRun) {
        public int total() {
            return running + succeeded + failed + notRun;
        }
    }
}
