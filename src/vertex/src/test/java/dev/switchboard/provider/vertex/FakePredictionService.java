package dev.switchboard.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.aiplatform.v1.GenerateContentRequest;
import com.google.cloud.aiplatform.v1.GenerateContentResponse;
import com.google.cloud.aiplatform.v1.PredictionServiceGrpc;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.switchboard.conformance.ConformanceCase;
import dev.switchboard.core.json.Json;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A PredictionService serving one recorded REST exchange over gRPC: the recorded JSON answer becomes a
 * GenerateContentResponse (one per SSE chunk for streams), a recorded error becomes the gRPC status of the same
 * name. Remembers the request proto and which method was called.
 */
final class FakePredictionService extends PredictionServiceGrpc.PredictionServiceImplBase {
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private final ConformanceCase recorded;
    volatile GenerateContentRequest received;
    volatile String method;

    FakePredictionService(ConformanceCase recorded) {
        this.recorded = recorded;
    }

    /** A plaintext server on a free loopback port. */
    static Server serve(io.grpc.BindableService... services) {
        NettyServerBuilder b =
                NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        for (io.grpc.BindableService s : services) b.addService(s);
        try {
            return b.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void generateContent(GenerateContentRequest request, StreamObserver<GenerateContentResponse> out) {
        received = request;
        method = "generateContent";
        if (recorded.isError()) {
            out.onError(status().asRuntimeException());
            return;
        }
        out.onNext(parse(recorded.response().get("body_json")));
        out.onCompleted();
    }

    @Override
    public void streamGenerateContent(GenerateContentRequest request, StreamObserver<GenerateContentResponse> out) {
        received = request;
        method = "streamGenerateContent";
        if (recorded.isError()) {
            out.onError(status().asRuntimeException());
            return;
        }
        for (JsonNode event : chunks())
            out.onNext(parse(Json.parse(event.get("data").asText())));
        out.onCompleted();
    }

    private List<JsonNode> chunks() {
        List<JsonNode> out = new ArrayList<>();
        recorded.response().path("sse_events").forEach(out::add);
        return out;
    }

    /** The recorded error's canonical status name and message as a gRPC status. */
    private Status status() {
        JsonNode error = recorded.expect().get("error");
        return Status.fromCode(Status.Code.valueOf(error.path("type").asText()))
                .withDescription(error.path("message").asText());
    }

    private static GenerateContentResponse parse(JsonNode json) {
        GenerateContentResponse.Builder b = GenerateContentResponse.newBuilder();
        try {
            PARSER.merge(Json.write(json), b);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("recorded answer does not fit the v1 proto", e);
        }
        return b.build();
    }
}
