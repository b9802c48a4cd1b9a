package dev.switchboard.core.spi;

import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ModelInfo;
import java.util.List;

/**
 * One configured upstream. Calls block (run them on virtual threads) and fail with a
 * {@link dev.switchboard.core.error.SwitchboardException}. {@code request.model()} is the provider's own model id.
 */
public interface ChatProvider {

    /** The id this provider is addressed by ("openai" in "openai/gpt-4o-mini"). */
    String id();

    /** The configured type ("openai", "anthropic", ...). */
    String type();

    ChatResponse chat(ChatRequest request, CallOptions options);

    /**
     * Starts a streamed answer. Returns once the upstream accepted the request (HTTP headers or first
     * message); an upstream that refuses fails here, not in {@link ChatStream#next}.
     */
    ChatStream stream(ChatRequest request, CallOptions options);

    /** Models as the provider's own API lists them. */
    List<ModelInfo> listModels();

    /**
     * The provider's asynchronous batch API, when it has one and the configuration enables it (for Bedrock and
     * Vertex: a bucket for the input and output files; see {@link ProviderSettings#batch()}).
     */
    default java.util.Optional<dev.switchboard.core.nativebatch.NativeBatchApi> nativeBatch() {
        return java.util.Optional.empty();
    }

    /** Why this provider cannot be used (e.g. missing credentials), or null when it can. */
    default String unavailableReason() {
        return null;
    }
}
