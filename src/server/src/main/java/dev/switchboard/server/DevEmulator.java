package dev.switchboard.server;

import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.core.spi.ProviderSettings;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import dev.switchboard.runtime.config.ProviderContributor;
import dev.switchboard.runtime.config.SwitchboardConfig;
import io.quarkus.arc.All;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Dev mode only: when no configured provider has credentials ({@code switchboard.dev.emulator: auto}, the default)
 * or always ({@code always}), starts the wire-level emulator in-process and adds it as provider {@code emulator}
 * (OpenAI-compatible), plus {@code emulator-anthropic}, {@code emulator-gemini} and {@code emulator-vertex} so every
 * adapter can be tried without an account. The prod profile never starts it.
 */
@Singleton
public class DevEmulator implements ProviderContributor {
    private static final Logger LOG = Logger.getLogger(DevEmulator.class);

    private final SwitchboardConfig config;
    private final Map<String, ProviderFactory> factories;
    private Emulator emulator;

    DevEmulator(SwitchboardConfig config, @All List<ProviderFactory> factories) {
        this.config = config;
        this.factories = factories.stream().collect(Collectors.toMap(ProviderFactory::type, Function.identity()));
    }

    @Override
    public synchronized List<ChatProvider> contribute(List<ChatProvider> configured) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) return List.of();
        var mode = config.dev().emulator();
        boolean credentials = configured.stream()
                .anyMatch(p -> p.unavailableReason() == null && !p.type().equals("openai-compatible"));
        if (mode == SwitchboardConfig.Dev.EmulatorMode.NEVER
                || (mode == SwitchboardConfig.Dev.EmulatorMode.AUTO && credentials)) {
            return List.of();
        }
        emulator = Emulator.start(EmulatorOptions.defaults());
        String http = emulator.httpBaseUri().toString();
        List<ChatProvider> added = new ArrayList<>();
        added.add(create(ProviderSettings.builder("emulator", "openai-compatible")
                .baseUrl(http + "/v1")
                .build()));
        added.add(create(ProviderSettings.builder("emulator-anthropic", "anthropic")
                .baseUrl(http)
                .apiKey("emulated")
                .build()));
        added.add(create(ProviderSettings.builder("emulator-gemini", "gemini")
                .baseUrl(http)
                .apiKey("emulated")
                .build()));
        if (factories.containsKey("vertex")) {
            added.add(create(ProviderSettings.builder("emulator-vertex", "vertex")
                    .endpoint(emulator.grpcTarget())
                    .plaintext(true)
                    .project("dev")
                    .location("us-central1")
                    .build()));
        }
        LOG.warnf("""

                ******************************************************************************************
                  No provider credentials configured: started the in-process EMULATOR at %s.
                  Answers from providers %s are EMULATED, not real model output.
                  Try: curl localhost:8080/v1/chat/completions -H 'content-type: application/json' \\
                         -d '{"model":"emulator/emulator-1","messages":[{"role":"user","content":"hi"}]}'
                  Set e.g. OPENAI_API_KEY (or switchboard.dev.emulator=never) to use real providers.
                ******************************************************************************************""", http, added.stream().map(ChatProvider::id).toList());
        return added;
    }

    private ChatProvider create(ProviderSettings settings) {
        return factories.get(settings.type()).create(settings);
    }

    void stop(@Observes ShutdownEvent event) {
        if (emulator != null) emulator.close();
    }
}
