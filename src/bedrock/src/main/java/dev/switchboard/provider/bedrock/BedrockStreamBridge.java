package dev.switchboard.provider.bedrock;

import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.spi.PushChatStream;
import dev.switchboard.core.spi.StreamAcceptance;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

/**
 * The SDK's callbacks for one ConverseStream call, feeding a {@link PushChatStream}.
 *
 * <p>Acceptance: {@link #responseReceived} fires once the upstream answered 200 (before any event), and an HTTP
 * error before the stream fires {@link #exceptionOccurred} instead; {@link #awaitAccepted} waits for whichever
 * comes first, so a refused request fails in {@code stream()}, not in the first {@code next()}. After acceptance
 * every failure — an exception event mid-stream, a broken connection, an incomplete stream — goes into the
 * stream once; the events already emitted (text, usage) stay with the consumer.
 */
final class BedrockStreamBridge implements ConverseStreamResponseHandler {
    private final String provider;
    private final PushChatStream out;
    private final BedrockStreamCodec codec;
    private final StreamAcceptance accepted;
    private final AtomicBoolean terminated = new AtomicBoolean();
    private volatile Subscription subscription;
    private volatile boolean cancelled;

    BedrockStreamBridge(String provider, PushChatStream out) {
        this.provider = provider;
        this.out = out;
        this.codec = new BedrockStreamCodec(provider);
        this.accepted = new StreamAcceptance(provider);
    }

    @Override
    public void responseReceived(ConverseStreamResponse response) {
        out.emit(new StreamEvent.Started(BedrockResponseMapping.requestId(response), null));
        accepted.accept();
    }

    @Override
    public void onEventStream(SdkPublisher<ConverseStreamOutput> publisher) {
        publisher.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                // Events are small and the consumer's queue unbounded: no need to meter demand.
                if (cancelled) s.cancel();
                else s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ConverseStreamOutput event) {
                if (terminated.get()) return;
                try {
                    codec.accept(event, out::emit);
                } catch (RuntimeException e) {
                    fail(BedrockErrors.map(provider, e));
                    cancel();
                }
            }

            @Override
            public void onError(Throwable t) {
                exceptionOccurred(t);
            }

            @Override
            public void onComplete() {
                // complete() below is the SDK's signal that the whole call finished.
            }
        });
    }

    @Override
    public void exceptionOccurred(Throwable thrown) {
        SwitchboardException error = cancelled
                ? new UpstreamError(
                        ErrorInfo.of(provider + ": the stream was closed").withProvider(provider), false)
                : BedrockErrors.map(provider, thrown);
        if (!accepted.refuse(error)) fail(error);
        terminated.set(true);
    }

    @Override
    public void complete() {
        accepted.accept();
        if (terminated.getAndSet(true)) return;
        try {
            codec.end();
            out.complete();
        } catch (SwitchboardException e) {
            out.fail(e);
        }
    }

    /** Blocks until the upstream accepted the request; throws what it refused with, or Timeout. */
    void awaitAccepted(Duration timeout) {
        accepted.await(timeout);
    }

    /** Stops delivery; the caller also cancels the SDK call, which closes the connection. */
    void cancel() {
        cancelled = true;
        Subscription s = subscription;
        if (s != null) s.cancel();
    }

    private void fail(SwitchboardException error) {
        if (terminated.compareAndSet(false, true)) out.fail(error);
    }
}
