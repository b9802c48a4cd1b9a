package dev.switchboard.provider.bedrock;

import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.core.spi.ProviderSettings;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Type {@code bedrock}. Settings: {@code region} (optional when the SDK's default region chain finds one, e.g.
 * AWS_REGION in Lambda; otherwise the provider is created but unavailable) and {@code endpoint} (optional
 * endpointOverride, e.g. a VPC endpoint or a local emulator, for both the runtime and control-plane clients).
 * {@code api-key} is not used: credentials come from the SDK's default chain (env, system properties, web
 * identity, profile, container and instance roles — the Lambda execution role in the cloud).
 */
public final class BedrockProviderFactory implements ProviderFactory {
    private final Supplier<AwsCredentialsProvider> credentials;

    public BedrockProviderFactory() {
        this.credentials = () -> DefaultCredentialsProvider.builder().build();
    }

    /** Fixed credentials instead of the default chain (SnapStart priming against a loopback upstream). */
    public BedrockProviderFactory(AwsCredentialsProvider credentials) {
        this.credentials = () -> credentials;
    }

    @Override
    public String type() {
        return BedrockProvider.TYPE;
    }

    @Override
    public List<String> validate(ProviderSettings settings) {
        return BedrockConfig.problems(settings);
    }

    @Override
    public ChatProvider create(ProviderSettings settings) {
        return new BedrockProvider(BedrockConfig.from(settings), credentials.get());
    }
}
