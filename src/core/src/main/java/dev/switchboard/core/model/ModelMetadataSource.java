package dev.switchboard.core.model;

import java.util.Optional;

/**
 * Where the router learns what a model can do (a price catalog's metadata, typically). Implementations must be
 * fast (called for every target of every routed request) and must not throw; empty means nothing is known, and
 * then the target is never excluded.
 */
@FunctionalInterface
public interface ModelMetadataSource {
    ModelMetadataSource NONE = (target, providerType) -> Optional.empty();

    /**
     * @param target       provider id and the provider's model id, as routed
     * @param providerType the provider's type (openai, anthropic, bedrock, ...): which naming rules apply
     */
    Optional<ModelCapabilities> capabilities(ModelRef target, String providerType);
}
