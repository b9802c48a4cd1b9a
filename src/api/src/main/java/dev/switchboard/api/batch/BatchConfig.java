package dev.switchboard.api.batch;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** {@code switchboard.batch.*}: the local Files + Batches API and the command-line runner (README, "Batch jobs"). */
@ConfigMapping(prefix = "switchboard.batch")
public interface BatchConfig {

    /** Where uploaded files, jobs, checkpoints and results live; jobs left unfinished resume from here at startup. */
    @WithDefault("switchboard-batch")
    String dir();

    /** Lines in flight at once per job. */
    @WithDefault("16")
    int concurrency();

    /** Jobs running at once; the rest wait their turn. */
    @WithName("max-running-jobs")
    @WithDefault("2")
    int maxRunningJobs();

    /** Requests one input file may hold. */
    @WithName("max-lines")
    @WithDefault("50000")
    int maxLines();

    /** Largest input file, and largest upload to POST /v1/files. */
    @WithName("max-file-size")
    @WithDefault("200M")
    MemorySize maxFileSize();

    /** Largest single line of an input file. */
    @WithName("max-line-size")
    @WithDefault("10M")
    MemorySize maxLineSize();

    /**
     * How often the server asks providers about its native batch jobs (provider batch jobs take minutes to hours);
     * also the first look after a submit.
     */
    @WithName("native-poll-interval")
    @WithDefault("30s")
    java.time.Duration nativePollInterval();

    Api api();

    interface Api {
        /**
         * Serve the Files + Batches API. Read at build time (the resources are left out of runtimes built without
         * it); set in the local server's application.yaml.
         */
        @WithDefault("false")
        boolean enabled();
    }
}
