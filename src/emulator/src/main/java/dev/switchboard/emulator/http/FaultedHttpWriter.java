package dev.switchboard.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import dev.switchboard.emulator.behavior.Completion;
import dev.switchboard.emulator.behavior.Failure;
import dev.switchboard.emulator.behavior.FaultSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Delivers an answer over HTTP with the request's faults applied. The one place that knows what
 * delay / slow / gap / cut / reset / malformed / mid mean on an HTTP connection, for all four HTTP
 * protocols; codecs only supply the bytes.
 */
public final class FaultedHttpWriter {

    /**
     * How long a cut stream stays open after its last chunk. Clients that read asynchronously (the JDK
     * HttpClient's ofInputStream among them) drop chunks still queued when the connection fails, so an
     * instant close would often look like "cut after 0 chunks"; a real drop rarely follows a write that closely.
     */
    static final long CUT_LINGER_MILLIS = 100;

    private FaultedHttpWriter() {}

    public static void write(
            HttpExchange ex, FaultSpec fault, HttpCodec codec, Completion answer, boolean stream, String model)
            throws IOException {
        // delay comes first so that "delay then reset" and "delay then error" can be expressed
        pause(fault.delayMillis());
        if (fault.reset()) {
            throw new AbortConnection("reset");
        }
        if (!stream) {
            // without a stream there is no "after the headers": slow degrades to delay
            pause(fault.slowMillis());
        }
        if (fault.status() != null && !fault.statusMidStream(stream)) {
            sendError(ex, codec, Failure.injected(fault, model));
            return;
        }
        if (stream) {
            writeStream(ex, fault, codec, codec.stream(answer, model), model);
        } else {
            writeComplete(ex, fault, codec.answer(answer, model));
        }
    }

    public static void sendError(HttpExchange ex, HttpCodec codec, Failure failure) throws IOException {
        HttpReply reply = codec.error(failure);
        if (failure.retryAfterSeconds() != null) {
            reply = reply.withHeader("Retry-After", String.valueOf(failure.retryAfterSeconds()));
        }
        ResponseWriter.send(ex, reply);
    }

    private static void writeComplete(HttpExchange ex, FaultSpec fault, HttpReply reply) throws IOException {
        if (fault.malformed()) {
            // a well-framed 200 whose JSON stops halfway
            reply = reply.withBody(Arrays.copyOf(reply.body(), reply.body().length / 2));
        }
        if (fault.cutAfter() != null) {
            ResponseWriter.sendHalfAndAbort(ex, reply);
        } else {
            ResponseWriter.send(ex, reply);
        }
    }

    private static void writeStream(HttpExchange ex, FaultSpec fault, HttpCodec codec, StreamReply reply, String model)
            throws IOException {
        List<byte[]> frames = new ArrayList<>(reply.frames());
        if (fault.malformed()) {
            frames.add(Math.min(1, frames.size()), codec.malformedFrame());
        }
        if (fault.statusMidStream(true)) {
            frames = new ArrayList<>(frames.subList(0, Math.min(fault.midAfter(), frames.size() - 1)));
            frames.add(codec.streamError(Failure.injected(fault, model)));
        }
        // the terminator (last frame) is never sent when cutting
        int cut = fault.cutAfter() == null ? Integer.MAX_VALUE : Math.min(fault.cutAfter(), frames.size() - 1);

        OutputStream out = ResponseWriter.startChunked(ex, reply.contentType(), reply.headers());
        pause(fault.slowMillis());
        for (int i = 0; i < frames.size(); i++) {
            if (i == cut) {
                pause(CUT_LINGER_MILLIS);
                throw new AbortConnection("cut after " + i + " chunks");
            }
            out.write(frames.get(i));
            out.flush();
            if (i < frames.size() - 1) {
                pause(fault.gapMillis());
            }
        }
        out.close();
    }

    static void pause(long millis) throws InterruptedIOException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("emulator shutting down");
        }
    }
}
