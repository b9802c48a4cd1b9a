package dev.switchboard.runtime.config;

import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.provider.anthropic.AnthropicProviderFactory;
import dev.switchboard.provider.gemini.GeminiProviderFactory;
import dev.switchboard.provider.openai.OpenAiProviderFactory;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The HTTP providers every runtime carries. SDK-backed ones (Bedrock, Vertex) are produced by the runtimes that ship them. */
@Singleton
public class CoreProviderFactories {

    @Produces
    @Singleton
    ProviderFactory openAi() {
        return OpenAiProviderFactory.openAi();
    }

    @Produces
    @Singleton
    ProviderFactory azureOpenAi() {
        return OpenAiProviderFactory.azure();
    }

    @Produces
    @Singleton
    ProviderFactory openAiCompatible() {
        return OpenAiProviderFactory.compatible();
    }

    @Produces
    @Singleton
    ProviderFactory anthropic() {
        return new AnthropicProviderFactory();
    }

    @Produces
    @Singleton
    ProviderFactory gemini() {
        return new GeminiProviderFactory();
    }
}
