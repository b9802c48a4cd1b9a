package dev.switchboard.core.spi;

import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.error.UpstreamError;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether an SDK-fed stream (Bedrock's callbacks, a gRPC observer) was accepted by its upstream. A refusal must
 * surface from {@code stream()}, where it can still become the caller's error status or fall over to another target,
 * not from the first {@code next()}: the SDK's callbacks {@link #accept} or {@link #refuse}, and the provider's
 * {@code stream()} {@link #await}s whichever comes first.
 */
public final class StreamAcceptance {
    private final String provider;
    private final CompletableFuture<Void> accepted = new CompletableFuture<>();

    public StreamAcceptance(String provider) {
        this.provider = provider;
    }

    public void accept() {
        accepted.complete(null);
    }

    /** Refuses the stream; false when it was accepted already (the failure then belongs to the stream itself). */
    public boolean refuse(SwitchboardException error) {
        return accepted.completeExceptionally(error);
    }

    public boolean isDone() {
        return accepted.isDone();
    }

    /** Waits until the upstream accepted; throws what it refused with, or Timeout. */
    public void await(Duration timeout) {
        try {
            accepted.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw (SwitchboardException) e.getCause();
        } catch (TimeoutException e) {
            throw new Timeout(
                    ErrorInfo.of("provider '" + provider + "' did not answer within " + timeout.toMillis() + " ms")
                            .withProvider(provider));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamError(
                    ErrorInfo.of("interrupted while calling provider '" + provider + "'")
                            .withProvider(provider),
                    false,
                    e);
        }
    }
}
