package dev.switchboard.gcp.batch;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Continuations on a Pub/Sub topic, through the official client (Application Default Credentials), or in plaintext
 * without credentials to a local endpoint ({@code host:port}). A publish that does not complete is thrown, so the
 * invocation fails and its event is delivered again (the job then continues from its checkpoints).
 */
public final class PubSubContinuations implements GcpBatchEvents.Continuations, AutoCloseable {
    private static final long PUBLISH_TIMEOUT_SECONDS = 30;

    private final Publisher publisher;
    private final ManagedChannel plaintext;

    public PubSubContinuations(String project, String topic, Optional<String> plaintextEndpoint) {
        try {
            Publisher.Builder b = Publisher.newBuilder(TopicName.of(project, topic));
            plaintext = plaintextEndpoint
                    .map(e -> ManagedChannelBuilder.forTarget(e).usePlaintext().build())
                    .orElse(null);
            if (plaintext != null) {
                b.setChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(plaintext)))
                        .setCredentialsProvider(NoCredentialsProvider.create());
            }
            publisher = b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Pub/Sub publisher for topic " + topic, e);
        }
    }

    @Override
    public void publish(String message) {
        try {
            publisher
                    .publish(PubsubMessage.newBuilder()
                            .setData(ByteString.copyFromUtf8(message))
                            .build())
                    .get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a continuation", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish a continuation to " + publisher.getTopicNameString(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        publisher.shutdown();
        publisher.awaitTermination(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (plaintext != null) plaintext.shutdownNow();
    }
}
