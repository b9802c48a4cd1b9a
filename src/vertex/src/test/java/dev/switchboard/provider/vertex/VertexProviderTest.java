package dev.switchboard.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.aiplatform.v1.Candidate;
import com.google.cloud.aiplatform.v1.Content;
import com.google.cloud.aiplatform.v1.GenerateContentRequest;
import com.google.cloud.aiplatform.v1.GenerateContentResponse;
import com.google.cloud.aiplatform.v1.Part;
import com.google.cloud.aiplatform.v1.PredictionServiceGrpc;
import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatStream;
import dev.switchboard.core.spi.ProviderSettings;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client side against a local PredictionService: errors, deadlines and cancellation. */
class VertexProviderTest {
    private static final ChatRequest HELLO = ChatRequest.builder()
            .model("gemini-2.5-flash")
            .messages(Message.user("Hello"))
            .build();
    private static final CallOptions FAST = new CallOptions(Duration.ofSeconds(5), Duration.ofSeconds(5));

    private Server server;
    private VertexProvider provider;

    /** A PredictionService whose two methods run the given handlers. */
    private VertexProvider serving(
            BiConsumer<GenerateContentRequest, StreamObserver<GenerateContentResponse>> unary,
            BiConsumer<GenerateContentRequest, StreamObserver<GenerateContentResponse>> streaming) {
        server = FakePredictionService.serve(new PredictionServiceGrpc.PredictionServiceImplBase() {
            @Override
            public void generateContent(GenerateContentRequest r, StreamObserver<GenerateContentResponse> out) {
                unary.accept(r, out);
            }

            @Override
            public void streamGenerateContent(GenerateContentRequest r, StreamObserver<GenerateContentResponse> out) {
                streaming.accept(r, out);
            }
        });
        provider = (VertexProvider) new VertexProviderFactory()
                .create(ProviderSettings.builder("vx", "vertex")
                        .project("p")
                        .location("europe-west4")
                        .endpoint("127.0.0.1:" + server.getPort())
                        .plaintext(true)
                        .build());
        return provider;
    }

    @AfterEach
    void stop() {
        if (provider != null) provider.close();
        if (server != null) server.shutdownNow();
    }

    private static GenerateContentResponse text(String text) {
        return GenerateContentResponse.newBuilder()
                .setResponseId("r1")
                .addCandidates(Candidate.newBuilder()
                        .setContent(Content.newBuilder()
                                .setRole("model")
                                .addParts(Part.newBuilder().setText(text))))
                .build();
    }

    @Test
    void resourceExhaustedCarriesTheRetryDelay() {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                .setMessage("Quota exceeded for aiplatform.googleapis.com")
                .addDetails(Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                                .setSeconds(12)
                                .setNanos(500_000_000))
                        .build()))
                .build();
        serving((r, out) -> out.onError(StatusProto.toStatusRuntimeException(status)), (r, out) -> {});
        assertThatThrownBy(() -> provider.chat(HELLO, FAST)).isInstanceOfSatisfying(RateLimited.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(12_500));
            assertThat(e.retriable()).isTrue();
            assertThat(e.upstreamStatus()).isEqualTo(429);
            assertThat(e.code()).isEqualTo("RESOURCE_EXHAUSTED");
            assertThat(e.getMessage()).isEqualTo("vx: Quota exceeded for aiplatform.googleapis.com");
        });
    }

    @Test
    void unavailableIsOverloadedAndTheRequestNamesTheModel() {
        GenerateContentRequest[] seen = new GenerateContentRequest[1];
        serving(
                (r, out) -> {
                    seen[0] = r;
                    out.onError(Status.UNAVAILABLE.withDescription("try later").asRuntimeException());
                },
                (r, out) -> {});
        assertThatThrownBy(() -> provider.chat(HELLO, FAST)).isInstanceOf(Overloaded.class);
        assertThat(seen[0].getModel())
                .isEqualTo("projects/p/locations/europe-west4/publishers/google/models/gemini-2.5-flash");
    }

    @Test
    void theCallTimeoutIsAgRpcDeadline() {
        serving(
                (r, out) -> {
                    /* never answers */
                },
                (r, out) -> {});
        assertThatThrownBy(() -> provider.chat(HELLO, new CallOptions(Duration.ofMillis(300), Duration.ofSeconds(5))))
                .isInstanceOf(Timeout.class);
    }

    @Test
    void aRefusedStreamFailsInStream() {
        serving(
                (r, out) -> {},
                (r, out) -> out.onError(
                        Status.INVALID_ARGUMENT.withDescription("bad").asRuntimeException()));
        assertThatThrownBy(() -> provider.stream(HELLO, FAST))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("bad");
    }

    @Test
    void closingTheStreamCancelsTheCall() throws InterruptedException {
        CountDownLatch cancelled = new CountDownLatch(1);
        serving((r, out) -> {}, (r, out) -> {
            ((ServerCallStreamObserver<GenerateContentResponse>) out).setOnCancelHandler(cancelled::countDown);
            out.onNext(text("Hel"));
            // and then nothing: the client must hang up
        });
        try (ChatStream stream = provider.stream(HELLO, FAST)) {
            assertThat(stream.next()).isEqualTo(new StreamEvent.Started("r1", null));
            assertThat(stream.next()).isEqualTo(new StreamEvent.TextDelta("Hel"));
            assertThatThrownBy(() -> stream.next(Duration.ofMillis(200))).isInstanceOf(Timeout.class);
        }
        assertThat(cancelled.await(5, TimeUnit.SECONDS))
                .as("server saw the cancellation")
                .isTrue();
    }
}
