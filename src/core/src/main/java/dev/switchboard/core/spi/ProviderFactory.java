package dev.switchboard.core.spi;

import java.util.List;

/**
 * Builds providers of one type from settings. Runtimes register the factories they carry (the AWS package has
 * no Vertex factory), so an unknown type is a configuration error named at startup.
 */
public interface ProviderFactory {

    /** The {@code type} value in configuration. */
    String type();

    /**
     * Problems with these settings, each naming its key relative to the provider
     * (e.g. "base-url: required for type openai-compatible"). Missing credentials are not a problem here:
     * the provider is created and reports itself unavailable.
     */
    default List<String> validate(ProviderSettings settings) {
        return List.of();
    }

    ChatProvider create(ProviderSettings settings);
}
