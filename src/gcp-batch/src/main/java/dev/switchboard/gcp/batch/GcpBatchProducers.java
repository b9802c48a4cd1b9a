package dev.switchboard.gcp.batch;

import com.google.cloud.storage.Storage;
import dev.switchboard.batch.BatchSettings;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.gcp.batch.store.GcsClients;
import io.quarkus.arc.DefaultBean;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The clients and the event handler of the batch function, built once per instance from {@link GcpBatchConfig}. */
@Singleton
public class GcpBatchProducers {

    @Produces
    @Singleton
    @DefaultBean
    Storage storage(GcpBatchConfig config) {
        return GcsClients.storage(Optional.of(config.project()), config.gcs().endpoint());
    }

    @Produces
    @Singleton
    PubSubContinuations continuations(GcpBatchConfig config) {
        return new PubSubContinuations(
                config.project(), config.continuationTopic(), config.pubsub().endpoint());
    }

    void close(@Disposes PubSubContinuations continuations) throws InterruptedException {
        continuations.close();
    }

    /** Looked up by {@link BatchFunction} (outside CDI), hence unremovable. */
    @Produces
    @Singleton
    @Unremovable
    GcpBatchEvents events(Gateway gateway, Storage storage, PubSubContinuations continuations, GcpBatchConfig config) {
        BatchSettings batch = BatchSettings.DEFAULT
                .withConcurrency(config.concurrency())
                .withDeadlines(config.lineAllowance(), config.checkpointReserve());
        return new GcpBatchEvents(
                gateway,
                storage,
                continuations,
                new GcpBatchEvents.Settings(
                        config.inputBucket(),
                        config.outputBucket(),
                        config.inputPrefix(),
                        config.invocationTimeout(),
                        batch),
                System::nanoTime);
    }
}
