package dev.switchboard.aws.batch.testing;

import dev.switchboard.batch.testing.FakeNativeBatchApi;
import dev.switchboard.batch.testing.WithNativeBatch;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.core.spi.ProviderSettings;
import dev.switchboard.provider.openai.OpenAiProviderFactory;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Provider type {@code fake-native} for the function's tests: real-time calls go to an OpenAI-compatible upstream
 * (the emulator), batch jobs to the in-memory {@link #API} (provider id {@code nat}), which tests finish at will.
 */
@Singleton
public class FakeNativeProviders {
    public static final String PROVIDER = "nat";
    public static final FakeNativeBatchApi API = new FakeNativeBatchApi(PROVIDER);

    @Produces
    @Singleton
    ProviderFactory fakeNative() {
        return new ProviderFactory() {
            @Override
            public String type() {
                return "fake-native";
            }

            @Override
            public ChatProvider create(ProviderSettings settings) {
                return new WithNativeBatch(OpenAiProviderFactory.compatible().create(settings), API);
            }
        };
    }
}
