package dev.switchboard.emulator.vertex;

import com.google.cloud.aiplatform.v1.GetPublisherModelRequest;
import com.google.cloud.aiplatform.v1.ModelGardenServiceGrpc;
import com.google.cloud.aiplatform.v1.PublisherModel;
import dev.switchboard.emulator.behavior.Behavior;
import dev.switchboard.emulator.behavior.Failure;
import dev.switchboard.emulator.behavior.Protocol;
import io.grpc.stub.StreamObserver;

/**
 * {@code ModelGardenService.GetPublisherModel}. The v1 API has no way to list publisher models
 * (ListPublisherModels exists only in v1beta1), so a client checks a model by name instead.
 */
final class VertexModelGarden extends ModelGardenServiceGrpc.ModelGardenServiceImplBase {

    private final Behavior behavior;

    VertexModelGarden(Behavior behavior) {
        this.behavior = behavior;
    }

    @Override
    public void getPublisherModel(GetPublisherModelRequest request, StreamObserver<PublisherModel> observer) {
        String model = VertexMapping.modelName(request.getName());
        behavior.log()
                .record(
                        Protocol.VERTEX,
                        "POST",
                        "/" + ModelGardenServiceGrpc.SERVICE_NAME + "/GetPublisherModel",
                        model,
                        HeaderCapture.current(),
                        VertexMapping.toJson(request));
        if (behavior.resolve(model).isEmpty()) {
            observer.onError(
                    VertexStatuses.of(Failure.of(404, "Publisher model " + request.getName() + " not found.")));
            return;
        }
        observer.onNext(PublisherModel.newBuilder()
                .setName("publishers/google/models/" + model)
                .setVersionId("001")
                .setOpenSourceCategory(PublisherModel.OpenSourceCategory.PROPRIETARY)
                .setLaunchStage(PublisherModel.LaunchStage.GA)
                .setVersionState(PublisherModel.VersionState.VERSION_STATE_STABLE)
                .build());
        observer.onCompleted();
    }
}
