package dev.switchboard.provider.bedrock;

import dev.switchboard.core.model.ModelInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.FoundationModelLifecycleStatus;
import software.amazon.awssdk.services.bedrock.model.FoundationModelSummary;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileModel;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileStatus;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileSummary;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileType;
import software.amazon.awssdk.services.bedrock.model.InferenceType;
import software.amazon.awssdk.services.bedrock.model.ListInferenceProfilesResponse;
import software.amazon.awssdk.services.bedrock.model.ModelModality;

/**
 * The models a Converse call can name, from the control plane:
 * <ul>
 *   <li>foundation models with TEXT output that are ACTIVE and invocable ON_DEMAND by their plain id;</li>
 *   <li>system-defined cross-region inference profiles ({@code us.anthropic.claude-…}, {@code global.…}) that are
 *       ACTIVE and route to a TEXT-output model — newer models (Claude 4.5, Nova 2) are invocable only this way.</li>
 * </ul>
 * The foundation list is fetched once without the ON_DEMAND filter, because it also tells which profiles lead to
 * text models. Application inference profiles are account-specific and left to configuration.
 */
final class BedrockModelListing implements AutoCloseable {
    private final BedrockClient client;

    /**
     * The only class that touches software.amazon.awssdk:bedrock (4.4 MB): a package that lists models from
     * configuration can exclude that jar, and only {@code listModels()} notices.
     */
    BedrockModelListing(BedrockConfig settings, AwsCredentialsProvider credentials) {
        this.client = BedrockClients.configure(BedrockClient.builder(), settings, credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(settings.connectTimeout()))
                .build();
    }

    @Override
    public void close() {
        client.close();
    }

    List<ModelInfo> list(Duration timeout) {
        List<FoundationModelSummary> textModels = client.listFoundationModels(r ->
                        r.byOutputModality(ModelModality.TEXT).overrideConfiguration(o -> o.apiCallTimeout(timeout)))
                .modelSummaries();
        List<ModelInfo> out = new ArrayList<>();
        Set<String> textModelIds = new HashSet<>();
        for (FoundationModelSummary m : textModels) {
            textModelIds.add(m.modelId());
            boolean active =
                    m.modelLifecycle() == null || m.modelLifecycle().status() == FoundationModelLifecycleStatus.ACTIVE;
            if (active && m.inferenceTypesSupported().contains(InferenceType.ON_DEMAND)) {
                out.add(new ModelInfo(m.modelId(), m.modelName(), m.providerName(), null, null, null));
            }
        }
        String next = null;
        do {
            String token = next;
            ListInferenceProfilesResponse page =
                    client.listInferenceProfiles(r -> r.typeEquals(InferenceProfileType.SYSTEM_DEFINED)
                            .nextToken(token)
                            .overrideConfiguration(o -> o.apiCallTimeout(timeout)));
            for (InferenceProfileSummary p : page.inferenceProfileSummaries()) {
                if (p.status() == InferenceProfileStatus.ACTIVE && routesToText(p, textModelIds)) {
                    out.add(new ModelInfo(
                            p.inferenceProfileId(), p.inferenceProfileName(), null, p.createdAt(), null, null));
                }
            }
            next = page.nextToken();
        } while (next != null && !next.isEmpty());
        return out;
    }

    /** A profile's models are ARNs: arn:aws:bedrock:REGION::foundation-model/MODEL_ID. */
    private static boolean routesToText(InferenceProfileSummary p, Set<String> textModelIds) {
        for (InferenceProfileModel m : p.models()) {
            String arn = m.modelArn();
            if (arn != null && textModelIds.contains(arn.substring(arn.lastIndexOf('/') + 1))) return true;
        }
        return false;
    }
}
