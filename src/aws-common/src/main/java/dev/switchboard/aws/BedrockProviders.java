package dev.switchboard.aws;

import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.provider.bedrock.BedrockProviderFactory;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The AWS package carries Bedrock (and the HTTP providers from the shared API), nothing from Google. */
@Singleton
public class BedrockProviders {

    @Produces
    @Singleton
    ProviderFactory bedrock() {
        return new BedrockProviderFactory();
    }
}
