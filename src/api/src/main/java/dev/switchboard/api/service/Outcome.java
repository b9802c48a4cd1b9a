package dev.switchboard.api.service;

import dev.switchboard.core.gateway.CallInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** What a front door answers: a complete JSON body, or an SSE stream written as it arrives. */
public sealed interface Outcome {
    CallInfo info();

    /** x-switchboard-* headers describing how the request was served. */
    default Map<String, String> headers() {
        return CallHeaders.of(info());
    }

    record Completed(byte[] json, CallInfo info) implements Outcome {}

    /** {@link #writeTo} writes every frame and closes the upstream stream in every case. */
    record Streaming(CallInfo info, Body body) implements Outcome {
        public void writeTo(OutputStream out) throws IOException {
            body.writeTo(out);
        }
    }

    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
