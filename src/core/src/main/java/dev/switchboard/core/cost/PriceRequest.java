package dev.switchboard.core.cost;

import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.model.Usage;
import java.util.Objects;

/**
 * What a price depends on.
 *
 * @param target         provider id and model id as called
 * @param providerType   the provider's type (openai, azure-openai, bedrock, ...): which price-table keys apply
 * @param reportedModel  the model the upstream said answered (e.g. an Azure deployment's real model), if any
 * @param usage          the usage to price; its input size also selects long-context tiers
 * @param batch          priced at batch rates
 */
public record PriceRequest(ModelRef target, String providerType, String reportedModel, Usage usage, boolean batch) {
    public PriceRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(providerType, "providerType");
        Objects.requireNonNull(usage, "usage");
    }
}
