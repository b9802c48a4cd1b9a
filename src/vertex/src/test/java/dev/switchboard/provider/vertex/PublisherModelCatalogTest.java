package dev.switchboard.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.aiplatform.v1beta1.ListPublisherModelsRequest;
import com.google.cloud.aiplatform.v1beta1.ListPublisherModelsResponse;
import com.google.cloud.aiplatform.v1beta1.PublisherModel;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.spi.ProviderSettings;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The hand-encoded ListPublisherModels call against a server built from the generated v1beta1 messages (test
 * scope only), so both ends of the wire format are checked against Google's own definitions.
 */
class PublisherModelCatalogTest {

    private static PublisherModel model(String id) {
        return PublisherModel.newBuilder()
                .setName("publishers/google/models/" + id)
                .setVersionId("default")
                .setLaunchStage(PublisherModel.LaunchStage.GA)
                // a v1beta1-only field: v1's PublisherModel must skip it
                .setParent(PublisherModel.Parent.newBuilder().setDisplayName("family"))
                .build();
    }

    @Test
    void listsGeminiModelsAcrossPagesWithTheSdkChannel() throws IOException {
        List<ListPublisherModelsRequest> requests = new CopyOnWriteArrayList<>();
        List<String> routing = new CopyOnWriteArrayList<>();
        MethodDescriptor<ListPublisherModelsRequest, ListPublisherModelsResponse> method =
                MethodDescriptor.<ListPublisherModelsRequest, ListPublisherModelsResponse>newBuilder()
                        .setType(MethodDescriptor.MethodType.UNARY)
                        .setFullMethodName(PublisherModelCatalog.METHOD)
                        .setRequestMarshaller(ProtoUtils.marshaller(ListPublisherModelsRequest.getDefaultInstance()))
                        .setResponseMarshaller(ProtoUtils.marshaller(ListPublisherModelsResponse.getDefaultInstance()))
                        .build();
        ServerServiceDefinition service = ServerServiceDefinition.builder(
                        "google.cloud.aiplatform.v1beta1.ModelGardenService")
                .addMethod(method, ServerCalls.asyncUnaryCall((request, out) -> {
                    requests.add(request);
                    ListPublisherModelsResponse.Builder page = ListPublisherModelsResponse.newBuilder();
                    if (request.getPageToken().isEmpty()) {
                        page.addPublisherModels(model("gemini-2.5-flash"))
                                .addPublisherModels(model("imagen-4.0-generate-001"))
                                .addPublisherModels(model("gemini-embedding-001"))
                                .setNextPageToken("next");
                    } else {
                        page.addPublisherModels(model("gemini-2.5-pro"));
                    }
                    out.onNext(page.build());
                    out.onCompleted();
                }))
                .build();
        ServerInterceptor headers = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata md, ServerCallHandler<Q, R> next) {
                routing.add(md.get(Metadata.Key.of("x-goog-request-params", Metadata.ASCII_STRING_MARSHALLER)));
                return next.startCall(call, md);
            }
        };
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(ServerInterceptors.intercept(service, headers))
                .build()
                .start();
        try (VertexProvider provider = (VertexProvider) new VertexProviderFactory()
                .create(ProviderSettings.builder("vx", "vertex")
                        .project("p")
                        .location("us-central1")
                        .endpoint("127.0.0.1:" + server.getPort())
                        .plaintext(true)
                        .build())) {
            List<ModelInfo> models = provider.listModels();

            assertThat(models).extracting(ModelInfo::id).containsExactly("gemini-2.5-flash", "gemini-2.5-pro");
            assertThat(models).extracting(ModelInfo::ownedBy).containsOnly("google");
            assertThat(requests)
                    .extracting(ListPublisherModelsRequest::getParent)
                    .containsOnly("publishers/google");
            assertThat(requests)
                    .extracting(ListPublisherModelsRequest::getPageSize)
                    .containsOnly(1000);
            assertThat(requests)
                    .extracting(ListPublisherModelsRequest::getPageToken)
                    .containsExactly("", "next");
            assertThat(routing).containsOnly("parent=publishers%2Fgoogle");
        } finally {
            server.shutdownNow();
        }
    }
}
