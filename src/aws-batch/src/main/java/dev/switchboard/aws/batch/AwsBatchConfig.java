package dev.switchboard.aws.batch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The batch function's own settings ({@code switchboard.aws-batch.*}); providers and routes are the shared ones. */
@ConfigMapping(prefix = "switchboard.aws-batch")
public interface AwsBatchConfig {

    /** The queue the bucket notifications arrive on; continuations are sent to it too. */
    String queueUrl();

    /**
     * The batch bucket, where the schedule's poll and provider events (which name no bucket) look for jobs waiting on
     * a provider; without it they are acknowledged and do nothing (jobs still start from bucket notifications).
     */
    Optional<String> bucket();

    /** Only objects under this prefix ending in {@code .jsonl} start jobs. */
    @WithDefault("in/")
    String inputPrefix();

    /** Job state and results: {@code <output-prefix><job id>/}; never under the input prefix (no self-trigger). */
    @WithDefault("out/")
    String outputPrefix();

    /** Lines in flight at once per invocation. */
    @WithDefault("16")
    int concurrency();

    /** No line is started with less than this (plus the checkpoint reserve) left of the invocation. */
    @WithDefault("120s")
    Duration lineAllowance();

    /** Time kept at the end of an invocation to checkpoint and hand the job on. */
    @WithDefault("10s")
    Duration checkpointReserve();

    /**
     * The longest a job waiting on a provider is held back before its next run (the engine's poll interval, capped by
     * this and by SQS's 15 minutes).
     */
    @WithDefault("15m")
    Duration maxPollDelay();

    /** AWS region of S3 and SQS; the SDK's chain ({@code AWS_REGION}) when unset. */
    Optional<String> region();

    S3 s3();

    Sqs sqs();

    interface S3 {
        /** Endpoint override (an S3-compatible server, a VPC endpoint URL). */
        Optional<URI> endpoint();

        @WithDefault("false")
        boolean pathStyle();
    }

    interface Sqs {
        /** Endpoint override (a VPC endpoint, a local stand-in). */
        Optional<URI> endpoint();
    }
}
