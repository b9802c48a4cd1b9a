package dev.switchboard.gcp.batch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The GCP batch function's own settings ({@code switchboard.gcp-batch.*}); providers and routes are the shared ones. */
@ConfigMapping(prefix = "switchboard.gcp-batch")
public interface GcpBatchConfig {

    /** The bucket whose finalized {@code <input-prefix>*.jsonl} objects start jobs. */
    String inputBucket();

    /** Job state and results ({@code <job id>/batch.json, output.jsonl, errors.jsonl}); never the input bucket. */
    String outputBucket();

    /** Only names under it ending in {@code .jsonl} start jobs ("" for the whole bucket). */
    @WithDefault("in/")
    String inputPrefix();

    /** The project of the continuation topic. */
    String project();

    /** The Pub/Sub topic (id, in {@link #project()}) a job with lines left is handed on through. */
    String continuationTopic();

    /** The function's timeout (540 s at most for event-driven functions); the engine plans within it. */
    @WithDefault("540s")
    Duration invocationTimeout();

    /** Lines in flight at once per invocation. */
    @WithDefault("16")
    int concurrency();

    /** No line is started with less than this (plus the checkpoint reserve) left of the invocation. */
    @WithDefault("120s")
    Duration lineAllowance();

    /** Time kept at the end of an invocation to checkpoint and hand the job on. */
    @WithDefault("10s")
    Duration checkpointReserve();

    Gcs gcs();

    PubSub pubsub();

    interface Gcs {
        /** A local Cloud Storage endpoint, used without credentials (tests); ADC against Google when unset. */
        Optional<URI> endpoint();
    }

    interface PubSub {
        /** A local Pub/Sub endpoint ({@code host:port}, plaintext, no credentials); ADC against Google when unset. */
        Optional<String> endpoint();
    }
}
