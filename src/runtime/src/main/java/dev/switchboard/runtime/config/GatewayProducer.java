package dev.switchboard.runtime.config;

import dev.switchboard.core.catalog.ModelCatalog;
import dev.switchboard.core.cost.CostSink;
import dev.switchboard.core.cost.Pricer;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.pricing.PriceCatalog;
import dev.switchboard.core.pricing.PricedModelMetadata;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.core.telemetry.GatewayObserver;
import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/** Builds the one Gateway of this process from configuration, at startup, failing fast on bad config. */
@Singleton
public class GatewayProducer {
    private static final Logger LOG = Logger.getLogger(GatewayProducer.class);

    @Produces
    @Singleton
    @Startup
    Gateway gateway(
            SwitchboardConfig config,
            @All List<ProviderFactory> factories,
            Instance<ProviderContributor> contributors,
            CostSink costSink,
            Pricer pricer,
            PriceCatalog prices,
            Instance<GatewayObserver> observer) {
        GatewayAssembler.Assembly assembly = GatewayAssembler.assemble(config, factories);
        if (!assembly.problems().isEmpty()) {
            throw new ConfigurationException(
                    "Invalid Switchboard configuration:\n  - " + String.join("\n  - ", assembly.problems()));
        }
        List<ChatProvider> providers = new ArrayList<>(assembly.providers());
        for (ProviderContributor c : contributors) providers.addAll(c.contribute(List.copyOf(providers)));

        Set<String> fineTuned = new HashSet<>();
        config.providers().forEach((id, p) -> {
            if (p.includeFineTuned()) fineTuned.add(id);
        });
        var byId = new java.util.LinkedHashMap<String, ChatProvider>();
        providers.forEach(p -> byId.put(p.id(), p));
        ModelCatalog catalog =
                new ModelCatalog(byId, fineTuned, config.catalog().ttl(), Clock.systemUTC());

        report(providers);
        Gateway.Builder b = Gateway.builder()
                .providers(providers)
                .catalog(catalog)
                .validateModels(config.catalog().validateModels())
                .callOptions(new CallOptions(
                        config.timeouts().request(), config.timeouts().idle()))
                .costSink(costSink)
                .pricer(pricer)
                .metadata(new PricedModelMetadata(prices))
                .directRetry(assembly.directRetry())
                .directTimeouts(assembly.directTimeouts())
                .circuitBreakers(assembly.circuitBreakers())
                .requestDeadline(config.limits().requestDeadline().orElse(null))
                // telemetry is the HTTP layer's (src/api); an event function without it runs unobserved
                .observer(observer.isResolvable() ? observer.get() : GatewayObserver.NONE);
        assembly.routes().forEach(b::route);
        return b.build();
    }

    private static void report(List<ChatProvider> providers) {
        if (providers.isEmpty()) {
            LOG.warn("No providers are configured: every request will fail. See README, \"Configuration reference\".");
        }
        for (ChatProvider p : providers) {
            String why = p.unavailableReason();
            if (why == null) LOG.infof("provider '%s' (%s): ready", p.id(), p.type());
            else LOG.warnf("provider '%s' (%s): NOT AVAILABLE, %s. Requests to it answer 503.", p.id(), p.type(), why);
        }
    }
}
