package dev.switchboard.emulator.vertex;

import com.google.cloud.aiplatform.v1.GenerateContentRequest;
import com.google.cloud.aiplatform.v1.GenerateContentResponse;
import com.google.cloud.aiplatform.v1.PredictionServiceGrpc;
import dev.switchboard.emulator.behavior.Behavior;
import dev.switchboard.emulator.behavior.Completion;
import dev.switchboard.emulator.behavior.Conversation;
import dev.switchboard.emulator.behavior.Failure;
import dev.switchboard.emulator.behavior.FaultSpec;
import dev.switchboard.emulator.behavior.ModelSpec;
import dev.switchboard.emulator.behavior.Protocol;
import dev.switchboard.emulator.gemini.GeminiReader;
import dev.switchboard.emulator.gemini.GeminiResponses;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;

/** {@code google.cloud.aiplatform.v1.PredictionService}: GenerateContent and StreamGenerateContent. */
final class VertexPredictionService extends PredictionServiceGrpc.PredictionServiceImplBase {

    private static final String SERVICE = "/" + PredictionServiceGrpc.SERVICE_NAME + "/";

    private final Behavior behavior;

    VertexPredictionService(Behavior behavior) {
        this.behavior = behavior;
    }

    @Override
    public void generateContent(GenerateContentRequest request, StreamObserver<GenerateContentResponse> observer) {
        run(request, observer, false);
    }

    @Override
    public void streamGenerateContent(
            GenerateContentRequest request, StreamObserver<GenerateContentResponse> observer) {
        run(request, observer, true);
    }

    private void run(GenerateContentRequest request, StreamObserver<GenerateContentResponse> observer, boolean stream) {
        String model = VertexMapping.modelName(request.getModel());
        var json = VertexMapping.toJson(request);
        behavior.log()
                .record(
                        Protocol.VERTEX,
                        "POST",
                        SERVICE + (stream ? "StreamGenerateContent" : "GenerateContent"),
                        model,
                        HeaderCapture.current(),
                        json);
        Optional<ModelSpec> spec = behavior.resolve(model);
        if (spec.isEmpty()) {
            observer.onError(VertexStatuses.of(Failure.of(
                    404,
                    "Publisher Model `" + request.getModel()
                            + "` was not found or your project does not have access to it.")));
            return;
        }
        FaultSpec fault = behavior.faultsFor(spec.get());
        Conversation conversation = GeminiReader.read(json);
        Completion answer = behavior.answer(conversation, spec.get());
        List<GenerateContentResponse> messages = stream
                ? GeminiResponses.chunks(answer, model).stream()
                        .map(VertexMapping::response)
                        .toList()
                : List.of(VertexMapping.response(GeminiResponses.complete(answer, model)));
        GrpcFaultedWriter.write(fault, model, stream, messages, observer);
    }
}
