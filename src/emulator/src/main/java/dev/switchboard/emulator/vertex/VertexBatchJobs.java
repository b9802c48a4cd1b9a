package dev.switchboard.emulator.vertex;

import com.google.cloud.aiplatform.v1.BatchPredictionJob;
import com.google.cloud.aiplatform.v1.CompletionStats;
import com.google.cloud.aiplatform.v1.JobState;
import com.google.protobuf.Timestamp;
import dev.switchboard.emulator.behavior.Behavior;
import dev.switchboard.emulator.gcs.GcsServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Vertex AI batch prediction jobs held in memory, their files in the emulator's Cloud Storage, and the controls a
 * test drives them with. A job runs through PENDING → RUNNING → SUCCEEDED by itself after {@link
 * #completeAfterGets} reads of it (so a poller sees it progress), or at once through {@link #finish} / {@link
 * #expireAfter}. When it ends, the lines it answered are written as one {@code predictions.jsonl} under {@code
 * <outputUriPrefix>prediction-model-<time>/}, the directory Vertex reports as {@code gcsOutputDirectory}.
 */
public final class VertexBatchJobs {

    private final Behavior behavior;
    private final GcsServer gcs;
    private final Map<String, Held> jobs = new LinkedHashMap<>();
    private int nextId = 1;
    private int completeAfterGets = 3;

    /** A job and how often it was read. */
    private static final class Held {
        BatchPredictionJob job;
        int gets;

        Held(BatchPredictionJob job) {
            this.job = job;
        }
    }

    VertexBatchJobs(Behavior behavior, GcsServer gcs) {
        this.behavior = behavior;
        this.gcs = gcs;
    }

    /** How many reads of a job it takes to finish it by itself (default 3); 0 or less: never by itself. */
    public synchronized void completeAfterGets(int gets) {
        completeAfterGets = gets;
    }

    /** Every job held, in all states. */
    public synchronized int count() {
        return jobs.size();
    }

    /** Answers every line of the job and ends it SUCCEEDED (lines that fail are error lines in the output). */
    public synchronized void finish(String name) {
        Held h = held(name);
        if (!terminal(h.job.getState())) end(h, JobState.JOB_STATE_SUCCEEDED, Integer.MAX_VALUE);
    }

    /** Answers only the first {@code answered} lines (input order) and ends the job EXPIRED. */
    public synchronized void expireAfter(String name, int answered) {
        Held h = held(name);
        if (!terminal(h.job.getState())) end(h, JobState.JOB_STATE_EXPIRED, answered);
    }

    /** The job as it is now, without counting a read. */
    public synchronized Optional<BatchPredictionJob> peek(String name) {
        Held h = jobs.get(name);
        return h == null ? Optional.empty() : Optional.of(h.job);
    }

    synchronized BatchPredictionJob create(String parent, BatchPredictionJob request) {
        Timestamp now = now();
        String name = parent + "/batchPredictionJobs/" + (1_000_000_000L + nextId++);
        BatchPredictionJob job = request.toBuilder()
                .setName(name)
                .setState(JobState.JOB_STATE_PENDING)
                .setCreateTime(now)
                .setUpdateTime(now)
                .build();
        jobs.put(name, new Held(job));
        return job;
    }

    /** A read: advances the job one step (pending → running → done after enough reads, cancelling → cancelled). */
    synchronized Optional<BatchPredictionJob> get(String name) {
        Held h = jobs.get(name);
        if (h == null) return Optional.empty();
        h.gets++;
        switch (h.job.getState()) {
            case JOB_STATE_PENDING, JOB_STATE_QUEUED ->
                h.job = h.job.toBuilder()
                        .setState(JobState.JOB_STATE_RUNNING)
                        .setStartTime(now())
                        .setUpdateTime(now())
                        .build();
            case JOB_STATE_CANCELLING -> end(h, JobState.JOB_STATE_CANCELLED, 0);
            default -> {}
        }
        if (h.job.getState() == JobState.JOB_STATE_RUNNING && completeAfterGets > 0 && h.gets >= completeAfterGets) {
            end(h, JobState.JOB_STATE_SUCCEEDED, Integer.MAX_VALUE);
        }
        return Optional.of(h.job);
    }

    synchronized List<BatchPredictionJob> list(String parent, Predicate<BatchPredictionJob> filter) {
        List<BatchPredictionJob> out = new ArrayList<>();
        for (Held h : jobs.values()) {
            if (h.job.getName().startsWith(parent + "/") && filter.test(h.job)) out.add(h.job);
        }
        return out;
    }

    /** False when the job is already terminal (Vertex answers FAILED_PRECONDITION). */
    synchronized boolean cancel(String name) {
        Held h = held(name);
        if (terminal(h.job.getState())) return false;
        h.job = h.job.toBuilder()
                .setState(JobState.JOB_STATE_CANCELLING)
                .setUpdateTime(now())
                .build();
        return true;
    }

    synchronized boolean exists(String name) {
        return jobs.containsKey(name);
    }

    private Held held(String name) {
        Held h = jobs.get(name);
        if (h == null) throw new IllegalArgumentException("no batch prediction job " + name);
        return h;
    }

    /** Answers up to {@code limit} lines, writes them and ends the job in {@code state}. */
    private void end(Held h, JobState state, int limit) {
        BatchPredictionJob job = h.job;
        BatchPredictionJob.Builder b =
                job.toBuilder().setState(state).setEndTime(now()).setUpdateTime(now());
        String input = job.getInputConfig().getGcsSource().getUris(0);
        byte[] data = read(input);
        if (data == null) {
            h.job = b.setState(JobState.JOB_STATE_FAILED)
                    .setError(com.google.rpc.Status.newBuilder()
                            .setCode(io.grpc.Status.Code.INVALID_ARGUMENT.value())
                            .setMessage("Failed to read the input file " + input))
                    .build();
            return;
        }
        String model = VertexMapping.modelName(job.getModel());
        List<String> lines = new String(data, StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
        StringBuilder out = new StringBuilder();
        long ok = 0;
        long failed = 0;
        int answered = Math.min(limit, lines.size());
        for (int i = 0; i < answered; i++) {
            VertexBatchLines.Answer a = VertexBatchLines.answer(behavior, model, lines.get(i));
            out.append(a.line()).append('\n');
            if (a.ok()) ok++;
            else failed++;
        }
        String dir = job.getOutputConfig().getGcsDestination().getOutputUriPrefix();
        if (!dir.endsWith("/")) dir += "/";
        dir += "prediction-model-" + Instant.now().toString().replace(":", "-") + "/";
        if (answered > 0) write(dir + "predictions.jsonl", out.toString().getBytes(StandardCharsets.UTF_8));
        h.job = b.setOutputInfo(BatchPredictionJob.OutputInfo.newBuilder().setGcsOutputDirectory(dir))
                .setCompletionStats(CompletionStats.newBuilder()
                        .setSuccessfulCount(ok)
                        .setFailedCount(failed)
                        .setIncompleteCount(lines.size() - answered))
                .build();
    }

    private byte[] read(String uri) {
        String[] bo = bucketAndObject(uri);
        return bo == null ? null : gcs.read(bo[0], bo[1]);
    }

    private void write(String uri, byte[] data) {
        String[] bo = bucketAndObject(uri);
        if (bo != null) gcs.write(bo[0], bo[1], data);
    }

    private static String[] bucketAndObject(String uri) {
        if (!uri.startsWith("gs://")) return null;
        int slash = uri.indexOf('/', 5);
        return slash < 0 ? null : new String[] {uri.substring(5, slash), uri.substring(slash + 1)};
    }

    static boolean terminal(JobState s) {
        return switch (s) {
            case JOB_STATE_SUCCEEDED,
                    JOB_STATE_FAILED,
                    JOB_STATE_CANCELLED,
                    JOB_STATE_EXPIRED,
                    JOB_STATE_PARTIALLY_SUCCEEDED -> true;
            default -> false;
        };
    }

    private static Timestamp now() {
        Instant t = Instant.now();
        return Timestamp.newBuilder()
                .setSeconds(t.getEpochSecond())
                .setNanos(t.getNano())
                .build();
    }
}
