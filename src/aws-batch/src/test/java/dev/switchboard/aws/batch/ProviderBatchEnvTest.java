package dev.switchboard.aws.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderBatchEnvTest {

    @ConfigMapping(prefix = "switchboard")
    interface Providers {
        Map<String, Provider> providers();

        interface Provider {
            String type();

            Map<String, String> batch();
        }
    }

    private static final Map<String, String> TERRAFORM_ENV = Map.of(
            "SWITCHBOARD_PROVIDERS_BEDROCK_BATCH_BUCKET", "switchboard-batch-123456789012",
            "SWITCHBOARD_PROVIDERS_BEDROCK_BATCH_PREFIX", "native/bedrock/",
            "SWITCHBOARD_PROVIDERS_BEDROCK_BATCH_ROLE_ARN", "arn:aws:iam::123456789012:role/switchboard-batch-bedrock");

    private static Map<String, String> bedrockBatch(boolean withThisSource) {
        SmallRyeConfigBuilder b = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withMapping(Providers.class)
                .withSources(new PropertiesConfigSource(
                        Map.of("switchboard.providers.bedrock.type", "bedrock"), "yaml", 250))
                .withSources(new EnvConfigSource(TERRAFORM_ENV, 300));
        if (withThisSource) b.withSources(new ProviderBatchEnv(TERRAFORM_ENV));
        SmallRyeConfig config = b.build();
        return config.getConfigMapping(Providers.class)
                .providers()
                .get("bedrock")
                .batch();
    }

    @Test
    void terraformsEnvironmentGivesTheProviderItsDashedBatchOptions() {
        assertThat(bedrockBatch(true))
                .containsEntry("bucket", "switchboard-batch-123456789012")
                .containsEntry("prefix", "native/bedrock/")
                .containsEntry("role-arn", "arn:aws:iam::123456789012:role/switchboard-batch-bedrock")
                .doesNotContainKey("role.arn");
    }

    @Test
    void withoutItTheEnvironmentAloneLosesTheRoleArn() {
        // the regression this source exists for: a free map reads ROLE_ARN as "role.arn"
        assertThat(bedrockBatch(false)).doesNotContainKey("role-arn").containsKey("role.arn");
    }

    @Test
    void onlyBatchOptionsOfProvidersAreTaken() {
        ProviderBatchEnv source = new ProviderBatchEnv(Map.of(
                "SWITCHBOARD_PROVIDERS_BEDROCK_BATCH_ROLE_ARN", "arn:aws:iam::1:role/r",
                "SWITCHBOARD_PROVIDERS_BEDROCK_BATCH_S3_ENDPOINT", "http://127.0.0.1:9000",
                "SWITCHBOARD_PROVIDERS_BEDROCK_API_KEY", "not-mine",
                "SWITCHBOARD_PROVIDERS_VERTEX_BATCH_ROLE_ARN", " "));
        assertThat(source.getProperties())
                .containsOnly(
                        Map.entry("switchboard.providers.bedrock.batch.role-arn", "arn:aws:iam::1:role/r"),
                        Map.entry("switchboard.providers.bedrock.batch.s3-endpoint", "http://127.0.0.1:9000"));
    }
}
