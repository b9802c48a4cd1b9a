package dev.switchboard.server;

import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.provider.bedrock.BedrockProviderFactory;
import dev.switchboard.provider.vertex.VertexProviderFactory;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The local server carries every provider, the SDK-backed ones included. */
@Singleton
public class SdkProviderFactories {

    @Produces
    @Singleton
    ProviderFactory bedrock() {
        return new BedrockProviderFactory();
    }

    @Produces
    @Singleton
    ProviderFactory vertex() {
        return new VertexProviderFactory();
    }
}
