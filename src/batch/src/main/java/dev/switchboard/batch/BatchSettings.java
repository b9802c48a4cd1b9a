package dev.switchboard.batch;

import dev.switchboard.batch.format.BatchLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs jobs.
 *
 * @param concurrency        lines in flight at once per run (default 16: one function instance's share of an
 *                           upstream's rate limit; the route's own limits still apply per call)
 * @param lineAllowance      the longest one line may take (route deadline, retries and backoff included): no line is
 *                           started with less than this plus {@code checkpointReserve} left in the budget
 * @param checkpointReserve  time kept to write the last checkpoints and the batch object before the budget ends
 * @param rateLimitBackoff   first pause after an upstream 429 with no Retry-After; doubled per consecutive 429
 * @param maxRateLimitBackoff cap of that pause
 * @param maxRateLimitWaits  429s one line may hit before it fails with the 429
 * @param controlPoll        how often a run checks for a cancel or a newer worker (ZERO: before every line)
 * @param progressEvery      lines between two progress writes of the batch object
 * @param jobsPrefix         store prefix of job directories ("jobs/", "out/")
 */
public record BatchSettings(
        int concurrency,
        BatchLimits limits,
        Duration lineAllowance,
        Duration checkpointReserve,
        Duration rateLimitBackoff,
        Duration maxRateLimitBackoff,
        int maxRateLimitWaits,
        Duration controlPoll,
        int progressEvery,
        String jobsPrefix) {

    public static final BatchSettings DEFAULT = new BatchSettings(
            16,
            BatchLimits.DEFAULT,
            Duration.ofSeconds(120),
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            20,
            Duration.ofSeconds(1),
            100,
            "jobs/");

    public BatchSettings {
        Objects.requireNonNull(limits);
        if (concurrency < 1) throw new IllegalArgumentException("batch concurrency must be at least 1");
        if (maxRateLimitWaits < 0 || progressEvery < 1) throw new IllegalArgumentException("invalid batch settings");
        if (!jobsPrefix.isEmpty() && !jobsPrefix.endsWith("/")) jobsPrefix = jobsPrefix + "/";
    }

    public BatchSettings withConcurrency(int v) {
        return new BatchSettings(
                v,
                limits,
                lineAllowance,
                checkpointReserve,
                rateLimitBackoff,
                maxRateLimitBackoff,
                maxRateLimitWaits,
                controlPoll,
                progressEvery,
                jobsPrefix);
    }

    public BatchSettings withLimits(BatchLimits v) {
        return new BatchSettings(
                concurrency,
                v,
                lineAllowance,
                checkpointReserve,
                rateLimitBackoff,
                maxRateLimitBackoff,
                maxRateLimitWaits,
                controlPoll,
                progressEvery,
                jobsPrefix);
    }

    public BatchSettings withDeadlines(Duration lineAllowance, Duration checkpointReserve) {
        return new BatchSettings(
                concurrency,
                limits,
                lineAllowance,
                checkpointReserve,
                rateLimitBackoff,
                maxRateLimitBackoff,
                maxRateLimitWaits,
                controlPoll,
                progressEvery,
                jobsPrefix);
    }

    public BatchSettings withRateLimitBackoff(Duration first, Duration max, int maxWaits) {
        return new BatchSettings(
                concurrency,
                limits,
                lineAllowance,
                checkpointReserve,
                first,
                max,
                maxWaits,
                controlPoll,
                progressEvery,
                jobsPrefix);
    }

    public BatchSettings withControlPoll(Duration v) {
        return new BatchSettings(
                concurrency,
                limits,
                lineAllowance,
                checkpointReserve,
                rateLimitBackoff,
                maxRateLimitBackoff,
                maxRateLimitWaits,
                v,
                progressEvery,
                jobsPrefix);
    }

    public BatchSettings withProgressEvery(int v) {
        return new BatchSettings(
                concurrency,
                limits,
                lineAllowance,
                checkpointReserve,
                rateLimitBackoff,
                maxRateLimitBackoff,
                maxRateLimitWaits,
                controlPoll,
                v,
                jobsPrefix);
    }

    public BatchSettings withJobsPrefix(String v) {
        return new BatchSettings(
                concurrency,
                limits,
                lineAllowance,
                checkpointReserve,
                rateLimitBackoff,
                maxRateLimitBackoff,
                maxRateLimitWaits,
                controlPoll,
                progressEvery,
                v);
    }
}
