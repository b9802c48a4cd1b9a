package dev.switchboard.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.error.AuthFailed;
import dev.switchboard.core.model.ModelInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Model listing through the real control-plane client (software.amazon.awssdk:bedrock, pinned to 2.50.2 because
 * the mirror lacks the BOM's version) running on the BOM's 2.54.14 core, against a local server.
 */
class BedrockModelListingTest {
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");

    private static final String FOUNDATION_MODELS = """
            {"modelSummaries":[
              {"modelArn":"arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0","modelId":"amazon.nova-micro-v1:0",
               "modelName":"Nova Micro","providerName":"Amazon","outputModalities":["TEXT"],
               "inferenceTypesSupported":["ON_DEMAND"],"modelLifecycle":{"status":"ACTIVE"}},
              {"modelId":"anthropic.claude-sonnet-4-5-20250929-v1:0","modelName":"Claude Sonnet 4.5","providerName":"Anthropic",
               "outputModalities":["TEXT"],"inferenceTypesSupported":["INFERENCE_PROFILE"],"modelLifecycle":{"status":"ACTIVE"}},
              {"modelId":"amazon.nova-2-lite-v1:0","modelName":"Nova 2 Lite","providerName":"Amazon",
               "outputModalities":["TEXT"],"inferenceTypesSupported":["INFERENCE_PROFILE"],"modelLifecycle":{"status":"ACTIVE"}},
              {"modelId":"anthropic.claude-v2:1","modelName":"Claude 2.1","providerName":"Anthropic",
               "outputModalities":["TEXT"],"inferenceTypesSupported":["ON_DEMAND"],"modelLifecycle":{"status":"LEGACY"}},
              {"modelId":"meta.llama3-70b-instruct-v1:0","modelName":"Llama 3 70B","providerName":"Meta",
               "outputModalities":["TEXT"],"inferenceTypesSupported":["PROVISIONED"],"modelLifecycle":{"status":"ACTIVE"}},
              {"modelId":"some.future-model-v1:0","modelName":"Future","providerName":"Someone","newField":{"x":1},
               "outputModalities":["TEXT"],"inferenceTypesSupported":["ON_DEMAND","SOMETHING_NEW"]}
            ]}""";

    private static final String PROFILES_PAGE_1 = """
            {"inferenceProfileSummaries":[
              {"inferenceProfileId":"us.anthropic.claude-sonnet-4-5-20250929-v1:0","inferenceProfileName":"US Claude Sonnet 4.5",
               "createdAt":"2025-09-29T12:00:00Z","status":"ACTIVE","type":"SYSTEM_DEFINED",
               "models":[{"modelArn":"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"},
                         {"modelArn":"arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"}]},
              {"inferenceProfileId":"us.stability.sd3-5-large-v1:0","inferenceProfileName":"US SD 3.5","status":"ACTIVE",
               "type":"SYSTEM_DEFINED","models":[{"modelArn":"arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0"}]}
            ],"nextToken":"page-2"}""";

    private static final String PROFILES_PAGE_2 = """
            {"inferenceProfileSummaries":[
              {"inferenceProfileId":"global.amazon.nova-2-lite-v1:0","inferenceProfileName":"Global Nova 2 Lite","status":"ACTIVE",
               "type":"SYSTEM_DEFINED","models":[{"modelArn":"arn:aws:bedrock:::foundation-model/amazon.nova-2-lite-v1:0"}]}
            ]}""";

    @Test
    void listsOnDemandTextModelsAndSystemProfilesLeadingToText() {
        try (ScriptedUpstream upstream = new ScriptedUpstream(exchange -> {
            String uri = exchange.getRequestURI().toString();
            String body = uri.startsWith("/foundation-models")
                    ? FOUNDATION_MODELS
                    : uri.contains("nextToken=page-2") ? PROFILES_PAGE_2 : PROFILES_PAGE_1;
            ScriptedUpstream.send(exchange, 200, JSON, body.getBytes(StandardCharsets.UTF_8));
        })) {
            BedrockProvider provider = TestBedrock.provider(upstream.baseUri());
            List<ModelInfo> models = provider.listModels();
            TestBedrock.closeInBackground(provider);

            assertThat(models)
                    .extracting(ModelInfo::id)
                    .containsExactly(
                            "amazon.nova-micro-v1:0", "some.future-model-v1:0",
                            "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "global.amazon.nova-2-lite-v1:0");
            assertThat(models.get(0))
                    .isEqualTo(new ModelInfo("amazon.nova-micro-v1:0", "Nova Micro", "Amazon", null, null, null));
            assertThat(models.get(2).displayName()).isEqualTo("US Claude Sonnet 4.5");
            assertThat(models.get(2).created()).isEqualTo(Instant.parse("2025-09-29T12:00:00Z"));

            assertThat(upstream.seen())
                    .extracting(ScriptedUpstream.Seen::pathAndQuery)
                    .containsExactly(
                            "/foundation-models?byOutputModality=TEXT",
                            "/inference-profiles?type=SYSTEM_DEFINED",
                            "/inference-profiles?nextToken=page-2&type=SYSTEM_DEFINED");
            assertThat(upstream.seen())
                    .allSatisfy(s -> assertThat(s.headers().get("authorization"))
                            .startsWith("AWS4-HMAC-SHA256 Credential=" + TestBedrock.ACCESS_KEY + "/")
                            .contains("/us-east-1/bedrock/aws4_request"));
        }
    }

    @Test
    void listingErrorsMapLikeCallErrors() {
        byte[] body = "{\"message\":\"User is not authorized to perform: bedrock:ListFoundationModels\"}"
                .getBytes(StandardCharsets.UTF_8);
        try (ScriptedUpstream upstream = ScriptedUpstream.replying(
                403, Map.of("content-type", "application/json", "x-amzn-ErrorType", "AccessDeniedException"), body)) {
            BedrockProvider provider = TestBedrock.provider(upstream.baseUri());
            AuthFailed e = catchThrowableOfType(AuthFailed.class, provider::listModels);
            TestBedrock.closeInBackground(provider);
            assertThat(e.info().code()).isEqualTo("AccessDeniedException");
            assertThat(e.getMessage()).contains("bedrock:ListFoundationModels");
        }
    }
}
