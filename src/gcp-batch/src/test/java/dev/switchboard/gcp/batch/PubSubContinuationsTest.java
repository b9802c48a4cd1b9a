package dev.switchboard.gcp.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublishResponse;
import com.google.pubsub.v1.PublisherGrpc;
import dev.switchboard.core.json.Json;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A continuation through the real Pub/Sub client to an in-process Publisher service on a loopback port. */
class PubSubContinuationsTest {

    /** The Pub/Sub Publisher service's Publish call, recording what arrives. */
    static final class RecordingPublisher extends PublisherGrpc.PublisherImplBase {
        final List<PublishRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public void publish(PublishRequest request, StreamObserver<PublishResponse> response) {
            requests.add(request);
            PublishResponse.Builder ids = PublishResponse.newBuilder();
            for (int i = 0; i < request.getMessagesCount(); i++)
                ids.addMessageIds(Integer.toString(requests.size() * 100 + i));
            response.onNext(ids.build());
            response.onCompleted();
        }
    }

    @Test
    void aContinuationArrivesOnTheTopicAsTheJsonTheFunctionReads() throws Exception {
        RecordingPublisher service = new RecordingPublisher();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(service)
                .build()
                .start();
        try (PubSubContinuations continuations = new PubSubContinuations(
                "switchboard-test", "batch-continue", Optional.of("127.0.0.1:" + server.getPort()))) {
            continuations.publish(GcpBatchEvents.continuation("batch_abc", "in-bucket", "in/a.jsonl"));
        } finally {
            server.shutdownNow();
        }
        assertThat(service.requests).hasSize(1);
        PublishRequest r = service.requests.get(0);
        assertThat(r.getTopic()).isEqualTo("projects/switchboard-test/topics/batch-continue");
        var body = Json.parse(r.getMessages(0).getData().toString(StandardCharsets.UTF_8));
        assertThat(body.path("type").asText()).isEqualTo("switchboard.batch.continue");
        assertThat(body.path("job_id").asText()).isEqualTo("batch_abc");
        assertThat(body.path("key").asText()).isEqualTo("in/a.jsonl");
    }
}
