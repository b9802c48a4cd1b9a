package dev.switchboard.emulator.bedrock;

import dev.switchboard.emulator.behavior.Protocol;
import dev.switchboard.emulator.http.Generation;
import dev.switchboard.emulator.http.Incoming;
import dev.switchboard.emulator.http.Route;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bedrock runtime (Converse) and control-plane (listings) endpoints on the shared HTTP server. */
public final class BedrockRoutes {

    /** Cross-region inference profile ids put a geography before the model id: {@code us.emulator-1}. */
    private static final Pattern PROFILE_PREFIX =
            Pattern.compile("^(?:[a-z]{2,6}(?:-[a-z]+)?\\.)?(?:[a-z]+\\.)?(emulator.*)$");

    private BedrockRoutes() {}

    /** The routes, with batch inference jobs held in {@code batch}. */
    public static List<Route> routes(Generation generation, BedrockBatchJobs batch) {
        BedrockControlPlane control = new BedrockControlPlane(generation);
        List<Route> routes = new java.util.ArrayList<>(List.of(
                Route.of("POST", "/model/([^/]+)/(converse|converse-stream)", in -> converse(generation, in)),
                Route.of("GET", "/foundation-models", control::listFoundationModels),
                Route.of("GET", "/foundation-models/([^/]+)", control::getFoundationModel),
                Route.of("GET", "/inference-profiles", control::listInferenceProfiles)));
        routes.addAll(new BedrockBatchRoutes(generation, batch).routes());
        return routes;
    }

    private static void converse(Generation generation, Incoming in) throws IOException {
        boolean stream = in.match().group(2).equals("converse-stream");
        generation.run(in, Protocol.BEDROCK, modelName(in.pathParam(1)), stream, new BedrockCodec());
    }

    /**
     * The emulator model a Bedrock model identifier names: a plain id, an inference-profile id
     * ({@code us.emulator-1}), either with a vendor ({@code us.anthropic.emulator-1}, the shape Bedrock batch jobs
     * take for Claude), or either one's ARN.
     */
    static String modelName(String modelId) {
        String id = modelId.startsWith("arn:") ? modelId.substring(modelId.lastIndexOf('/') + 1) : modelId;
        Matcher m = PROFILE_PREFIX.matcher(id);
        return m.matches() ? m.group(1) : id;
    }
}
