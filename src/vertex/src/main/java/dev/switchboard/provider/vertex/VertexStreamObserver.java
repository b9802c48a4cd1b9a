package dev.switchboard.provider.vertex;

import com.google.api.gax.rpc.ResponseObserver;
import com.google.api.gax.rpc.StreamController;
import com.google.cloud.aiplatform.v1.GenerateContentResponse;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.spi.PushChatStream;
import dev.switchboard.core.spi.StreamAcceptance;
import dev.switchboard.provider.gemini.GeminiStreamCodec;
import java.time.Duration;

/**
 * Feeds a server-streaming StreamGenerateContent call into a {@link PushChatStream}: each response proto goes
 * through the Gemini stream codec as JSON. The first response (or the call's end) counts as "accepted", so a
 * refusal surfaces from {@link VertexProvider#stream} rather than from the first {@code next()}.
 */
final class VertexStreamObserver implements ResponseObserver<GenerateContentResponse> {
    private final String provider;
    private final PushChatStream stream;
    private final GeminiStreamCodec codec;
    private final StreamAcceptance accepted;
    private volatile StreamController controller;
    private volatile boolean cancelled;
    private volatile boolean done;

    VertexStreamObserver(String provider, PushChatStream stream) {
        this.provider = provider;
        this.stream = stream;
        this.codec = new GeminiStreamCodec(provider);
        this.accepted = new StreamAcceptance(provider);
    }

    @Override
    public void onStart(StreamController controller) {
        this.controller = controller;
        if (cancelled) controller.cancel();
    }

    @Override
    public void onResponse(GenerateContentResponse response) {
        if (done) return;
        try {
            codec.onChunk(VertexJson.response(provider, response), stream::emit);
            accepted.accept();
        } catch (SwitchboardException e) {
            finish(e);
            cancel();
        }
    }

    @Override
    public void onError(Throwable t) {
        if (done || stream.isClosed()) return;
        finish(VertexErrors.map(provider, t));
    }

    @Override
    public void onComplete() {
        if (done) return;
        try {
            codec.onEnd(stream::emit);
            done = true;
            stream.complete();
            accepted.accept();
        } catch (SwitchboardException e) {
            finish(e);
        }
    }

    /** Cancels the call; called when the consumer closes the stream early. */
    void cancel() {
        cancelled = true;
        StreamController c = controller;
        if (c != null) c.cancel();
    }

    /** Waits until the upstream answered; throws what it refused with, or Timeout. */
    void awaitAccepted(Duration timeout) {
        try {
            accepted.await(timeout);
        } catch (SwitchboardException e) {
            cancel(); // a no-op after a refusal: the call is over
            throw e;
        }
    }

    /** A failure before the first response is thrown by stream(); a later one ends the stream. */
    private void finish(SwitchboardException e) {
        done = true;
        if (!accepted.refuse(e)) stream.fail(e);
    }
}
