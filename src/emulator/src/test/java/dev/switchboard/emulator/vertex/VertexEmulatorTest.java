package dev.switchboard.emulator.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.aiplatform.v1.Candidate;
import com.google.cloud.aiplatform.v1.Content;
import com.google.cloud.aiplatform.v1.FunctionCallingConfig;
import com.google.cloud.aiplatform.v1.FunctionDeclaration;
import com.google.cloud.aiplatform.v1.GenerateContentRequest;
import com.google.cloud.aiplatform.v1.GenerateContentResponse;
import com.google.cloud.aiplatform.v1.GenerationConfig;
import com.google.cloud.aiplatform.v1.GetPublisherModelRequest;
import com.google.cloud.aiplatform.v1.ModelGardenServiceGrpc;
import com.google.cloud.aiplatform.v1.Part;
import com.google.cloud.aiplatform.v1.PredictionServiceGrpc;
import com.google.cloud.aiplatform.v1.PublisherModel;
import com.google.cloud.aiplatform.v1.Schema;
import com.google.cloud.aiplatform.v1.Tool;
import com.google.cloud.aiplatform.v1.ToolConfig;
import com.google.cloud.aiplatform.v1.Type;
import com.google.protobuf.Value;
import com.google.rpc.RetryInfo;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import dev.switchboard.emulator.behavior.Protocol;
import dev.switchboard.emulator.behavior.RecordedRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VertexEmulatorTest {

    private static Emulator emulator;
    private static ManagedChannel channel;
    private static PredictionServiceGrpc.PredictionServiceBlockingStub prediction;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.defaults());
        channel = ManagedChannelBuilder.forTarget(emulator.grpcTarget())
                .usePlaintext()
                .build();
        Metadata auth = new Metadata();
        auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer ya29.secret");
        prediction = PredictionServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        emulator.close();
    }

    static String resource(String model) {
        return "projects/demo/locations/us-central1/publishers/google/models/" + model;
    }

    static GenerateContentRequest.Builder request(String model) {
        return GenerateContentRequest.newBuilder()
                .setModel(resource(model))
                .setSystemInstruction(
                        Content.newBuilder().addParts(Part.newBuilder().setText("You are helpful.")))
                .addContents(Content.newBuilder()
                        .setRole("user")
                        .addParts(Part.newBuilder().setText("What is the capital of France?")));
    }

    private static PredictionServiceGrpc.PredictionServiceBlockingStub stub() {
        return prediction.withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Test
    void geminiEmulatorNamesAreServedAsEmulatorNames() {
        // Vertex batch prediction takes Gemini names only, so clients that check the name use this alias
        GenerateContentResponse r =
                stub().generateContent(request("gemini-emulator-1").build());
        assertThat(r.getCandidates(0).getContent().getParts(0).getText()).startsWith("Hello from the Switchboard");
        assertThat(r.getModelVersion()).isEqualTo("emulator-1");
    }

    @Test
    void generateContent() {
        GenerateContentResponse r = stub().generateContent(request("emulator-1").build());
        Candidate candidate = r.getCandidates(0);
        assertThat(candidate.getContent().getRole()).isEqualTo("model");
        assertThat(candidate.getContent().getParts(0).getText())
                .isEqualTo("Hello from the Switchboard emulator. You said: What is the capital of France?");
        assertThat(candidate.getFinishReason()).isEqualTo(Candidate.FinishReason.STOP);
        assertThat(r.getUsageMetadata().getPromptTokenCount()).isEqualTo(12);
        assertThat(r.getUsageMetadata().getCandidatesTokenCount()).isEqualTo(13);
        assertThat(r.getUsageMetadata().getTotalTokenCount()).isEqualTo(25);
        assertThat(r.getModelVersion()).isEqualTo("emulator-1");

        RecordedRequest recorded = emulator.requests("emulator-1").getLast();
        assertThat(recorded.protocol()).isEqualTo(Protocol.VERTEX);
        assertThat(recorded.path()).isEqualTo("/google.cloud.aiplatform.v1.PredictionService/GenerateContent");
        assertThat(recorded.header("authorization")).isEqualTo("REDACTED");
        assertThat(recorded.body().path("model").asText()).isEqualTo(resource("emulator-1"));
    }

    @Test
    void streamGenerateContent() {
        List<GenerateContentResponse> chunks = new ArrayList<>();
        stub().streamGenerateContent(request("emulator-1").build()).forEachRemaining(chunks::add);
        assertThat(chunks).hasSize(13);
        StringBuilder text = new StringBuilder();
        chunks.forEach(
                c -> text.append(c.getCandidates(0).getContent().getParts(0).getText()));
        assertThat(text.toString()).endsWith("You said: What is the capital of France?");
        assertThat(chunks.getFirst().getCandidates(0).getFinishReason())
                .isEqualTo(Candidate.FinishReason.FINISH_REASON_UNSPECIFIED);
        assertThat(chunks.getLast().getCandidates(0).getFinishReason()).isEqualTo(Candidate.FinishReason.STOP);
        assertThat(chunks.getLast().getUsageMetadata().getCandidatesTokenCount())
                .isEqualTo(13);
    }

    @Test
    void functionCallWholeInOneChunk() {
        Tool tool = Tool.newBuilder()
                .addFunctionDeclarations(FunctionDeclaration.newBuilder()
                        .setName("get_weather")
                        .setParameters(Schema.newBuilder()
                                .setType(Type.OBJECT)
                                .putProperties(
                                        "city",
                                        Schema.newBuilder().setType(Type.STRING).build())
                                .putProperties(
                                        "unit",
                                        Schema.newBuilder()
                                                .setType(Type.STRING)
                                                .addEnum("celsius")
                                                .build())
                                .addRequired("city")
                                .addRequired("unit")))
                .build();
        GenerateContentRequest req = request("emulator-1")
                .addTools(tool)
                .setToolConfig(ToolConfig.newBuilder()
                        .setFunctionCallingConfig(
                                FunctionCallingConfig.newBuilder().setMode(FunctionCallingConfig.Mode.ANY)))
                .build();
        Part part = stub().generateContent(req).getCandidates(0).getContent().getParts(0);
        assertThat(part.getFunctionCall().getName()).isEqualTo("get_weather");
        assertThat(part.getFunctionCall().getArgs().getFieldsMap())
                .containsEntry(
                        "city", Value.newBuilder().setStringValue("emulated").build())
                .containsEntry(
                        "unit", Value.newBuilder().setStringValue("celsius").build());

        List<GenerateContentResponse> chunks = new ArrayList<>();
        stub().streamGenerateContent(req).forEachRemaining(chunks::add);
        assertThat(chunks).hasSize(1);
        assertThat(chunks.getFirst().getCandidates(0).getContent().getParts(0).hasFunctionCall())
                .isTrue();
    }

    @Test
    void thoughtsCacheAndMaxTokens() {
        GenerateContentResponse r = stub().generateContent(request("emulator-cache")
                .setGenerationConfig(GenerationConfig.newBuilder()
                        .setMaxOutputTokens(3)
                        .setThinkingConfig(
                                GenerationConfig.ThinkingConfig.newBuilder().setIncludeThoughts(true)))
                .build());
        List<Part> parts = r.getCandidates(0).getContent().getPartsList();
        assertThat(parts.get(0).getThought()).isTrue();
        assertThat(parts.get(1).getText()).isEqualTo("Hello from the");
        assertThat(r.getCandidates(0).getFinishReason()).isEqualTo(Candidate.FinishReason.MAX_TOKENS);
        assertThat(r.getUsageMetadata().getThoughtsTokenCount()).isEqualTo(6);
        assertThat(r.getUsageMetadata().getCachedContentTokenCount()).isEqualTo(6);
        assertThat(r.getUsageMetadata().getPromptTokenCount()).isEqualTo(12);
    }

    @Test
    void unknownModelIsNotFound() {
        assertThatThrownBy(() -> stub().generateContent(request("gemini-9").build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void faultStatusesMapToGrpcCodes() {
        int[] http = {400, 401, 403, 404, 429, 500, 503, 504};
        Status.Code[] grpc = {
            Status.Code.INVALID_ARGUMENT,
            Status.Code.UNAUTHENTICATED,
            Status.Code.PERMISSION_DENIED,
            Status.Code.NOT_FOUND,
            Status.Code.RESOURCE_EXHAUSTED,
            Status.Code.INTERNAL,
            Status.Code.UNAVAILABLE,
            Status.Code.DEADLINE_EXCEEDED
        };
        for (int i = 0; i < http.length; i++) {
            int status = http[i];
            assertThat(codeOf(() -> stub().generateContent(
                                    request("emulator-fault-" + status).build())))
                    .as("HTTP %d", status)
                    .isEqualTo(grpc[i]);
        }
    }

    @Test
    void resourceExhaustedCarriesRetryInfo() throws Exception {
        StatusRuntimeException e = failure(
                () -> stub().generateContent(request("emulator-fault-429-ra5").build()));
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).isNotNull();
        RetryInfo retry = status.getDetails(0).unpack(RetryInfo.class);
        assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(5);
    }

    @Test
    void streamFaults() {
        // cut: two messages, then UNAVAILABLE
        List<GenerateContentResponse> received = new ArrayList<>();
        Iterator<GenerateContentResponse> cut =
                stub().streamGenerateContent(request("emulator-cut2").build());
        StatusRuntimeException e = failure(() -> cut.forEachRemaining(received::add));
        assertThat(received).hasSize(2);
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);

        // mid: three messages, then the fault's status
        received.clear();
        Iterator<GenerateContentResponse> mid =
                stub().streamGenerateContent(request("emulator-fault-503-mid3").build());
        e = failure(() -> mid.forEachRemaining(received::add));
        assertThat(received).hasSize(3);
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);

        assertThat(codeOf(() -> stub().streamGenerateContent(
                                request("emulator-reset").build())
                        .hasNext()))
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(codeOf(() ->
                        stub().generateContent(request("emulator-malformed").build())))
                .isEqualTo(Status.Code.INTERNAL);
    }

    @Test
    void delayAndGapAreHonoured() {
        long t0 = System.nanoTime();
        stub().generateContent(request("emulator-delay300").build());
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);

        assertThat(codeOf(() -> prediction
                        .withDeadlineAfter(100, TimeUnit.MILLISECONDS)
                        .generateContent(request("emulator-delay1500").build())))
                .isEqualTo(Status.Code.DEADLINE_EXCEEDED);

        t0 = System.nanoTime();
        List<GenerateContentResponse> chunks = new ArrayList<>();
        stub().streamGenerateContent(request("emulator-gap30").build()).forEachRemaining(chunks::add);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(30L * (chunks.size() - 1));
    }

    @Test
    void firstNThenNormal() {
        assertThat(codeOf(() -> stub().generateContent(
                                request("emulator-fault-500-first1").build())))
                .isEqualTo(Status.Code.INTERNAL);
        assertThat(stub().generateContent(request("emulator-fault-500-first1").build())
                        .getCandidatesCount())
                .isEqualTo(1);
    }

    @Test
    void getPublisherModel() {
        var garden = ModelGardenServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        PublisherModel model = garden.getPublisherModel(GetPublisherModelRequest.newBuilder()
                .setName("publishers/google/models/emulator-1")
                .build());
        assertThat(model.getName()).isEqualTo("publishers/google/models/emulator-1");
        assertThat(model.getLaunchStage()).isEqualTo(PublisherModel.LaunchStage.GA);
        assertThat(codeOf(() -> garden.getPublisherModel(GetPublisherModelRequest.newBuilder()
                        .setName("publishers/google/models/gemini-9")
                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    private static Status.Code codeOf(Runnable call) {
        return failure(call).getStatus().getCode();
    }

    private static StatusRuntimeException failure(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a gRPC failure");
    }
}
