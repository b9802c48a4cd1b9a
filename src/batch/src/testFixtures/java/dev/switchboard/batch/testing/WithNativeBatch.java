package dev.switchboard.batch.testing;

import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ChatStream;
import java.util.List;
import java.util.Optional;

/** A provider that answers real-time calls like {@code delegate} and has {@code batch} as its batch API. */
public record WithNativeBatch(ChatProvider delegate, NativeBatchApi batch) implements ChatProvider {

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallOptions options) {
        return delegate.chat(request, options);
    }

    @Override
    public ChatStream stream(ChatRequest request, CallOptions options) {
        return delegate.stream(request, options);
    }

    @Override
    public List<ModelInfo> listModels() {
        return delegate.listModels();
    }

    @Override
    public Optional<NativeBatchApi> nativeBatch() {
        return Optional.ofNullable(batch);
    }

    @Override
    public String unavailableReason() {
        return delegate.unavailableReason();
    }
}
