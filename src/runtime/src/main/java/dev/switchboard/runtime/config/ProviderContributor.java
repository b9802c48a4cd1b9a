package dev.switchboard.runtime.config;

import dev.switchboard.core.spi.ChatProvider;
import java.util.List;

/**
 * Lets a runtime add providers that are not in configuration (the local server's dev-mode emulator), given the
 * configured ones.
 */
public interface ProviderContributor {
    List<ChatProvider> contribute(List<ChatProvider> configured);
}
