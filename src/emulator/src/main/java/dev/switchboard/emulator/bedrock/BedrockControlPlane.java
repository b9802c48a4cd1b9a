package dev.switchboard.emulator.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.emulator.behavior.Json;
import dev.switchboard.emulator.behavior.Protocol;
import dev.switchboard.emulator.http.FaultedHttpWriter;
import dev.switchboard.emulator.http.Generation;
import dev.switchboard.emulator.http.HttpReply;
import dev.switchboard.emulator.http.Incoming;
import dev.switchboard.emulator.http.ResponseWriter;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ListFoundationModels, GetFoundationModel and ListInferenceProfiles for the listed emulator models. */
final class BedrockControlPlane {

    static final String ACCOUNT = "123456789012";
    private static final String CREATED = "2025-01-01T00:00:00Z";
    /** SigV4: {@code Credential=AKID/20250101/us-east-1/bedrock/aws4_request}. */
    private static final Pattern CREDENTIAL_REGION = Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/");

    private final Generation generation;

    BedrockControlPlane(Generation generation) {
        this.generation = generation;
    }

    void listFoundationModels(Incoming in) throws IOException {
        generation.record(in, Protocol.BEDROCK, null);
        String region = region(in);
        List<ObjectNode> summaries = generation.behavior().listedModels().stream()
                .map(id -> summary(id, region))
                .toList();
        ResponseWriter.send(in.exchange(), HttpReply.json(200, Json.obj("modelSummaries", summaries)));
    }

    void getFoundationModel(Incoming in) throws IOException {
        String id = BedrockRoutes.modelName(in.pathParam(1));
        generation.record(in, Protocol.BEDROCK, id);
        if (generation.behavior().resolve(id).isEmpty()) {
            BedrockCodec codec = new BedrockCodec();
            FaultedHttpWriter.sendError(in.exchange(), codec, codec.notFound(id));
            return;
        }
        ResponseWriter.send(in.exchange(), HttpReply.json(200, Json.obj("modelDetails", summary(id, region(in)))));
    }

    void listInferenceProfiles(Incoming in) throws IOException {
        generation.record(in, Protocol.BEDROCK, null);
        String region = region(in);
        String geo = region.substring(0, region.indexOf('-') < 0 ? region.length() : region.indexOf('-'));
        List<ObjectNode> profiles = generation.behavior().listedModels().stream()
                .map(id -> Json.obj(
                        "inferenceProfileName",
                        geo.toUpperCase(java.util.Locale.ROOT) + " " + id,
                        "description",
                        "Routes requests to " + id + " in the " + geo + " regions.",
                        "createdAt",
                        CREATED,
                        "updatedAt",
                        CREATED,
                        "inferenceProfileArn",
                        "arn:aws:bedrock:" + region + ":" + ACCOUNT + ":inference-profile/" + geo + "." + id,
                        "models",
                        Json.arr(Json.obj("modelArn", modelArn(id, region))),
                        "inferenceProfileId",
                        geo + "." + id,
                        "status",
                        "ACTIVE",
                        "type",
                        "SYSTEM_DEFINED"))
                .toList();
        ResponseWriter.send(in.exchange(), HttpReply.json(200, Json.obj("inferenceProfileSummaries", profiles)));
    }

    private static ObjectNode summary(String id, String region) {
        return Json.obj(
                "modelArn",
                modelArn(id, region),
                "modelId",
                id,
                "modelName",
                id,
                "providerName",
                "Switchboard",
                "inputModalities",
                Json.arr("TEXT"),
                "outputModalities",
                Json.arr("TEXT"),
                "responseStreamingSupported",
                true,
                "customizationsSupported",
                Json.arr(),
                "inferenceTypesSupported",
                Json.arr("ON_DEMAND"),
                "modelLifecycle",
                Json.obj("status", "ACTIVE"));
    }

    private static String modelArn(String id, String region) {
        return "arn:aws:bedrock:" + region + "::foundation-model/" + id;
    }

    /** The region the SDK signed for, so ARNs look like the client's own region. */
    static String region(Incoming in) {
        String auth = in.header("Authorization");
        Matcher m = auth == null ? null : CREDENTIAL_REGION.matcher(auth);
        return m != null && m.find() ? m.group(1) : "us-east-1";
    }
}
