package dev.switchboard.api.service;

import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.frontend.FrameWriter;
import dev.switchboard.core.gateway.GatewayStream;
import dev.switchboard.core.model.StreamEvent;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Copies a gateway stream to a client in one front door's format, flushing each frame. An upstream failure after
 * the first byte becomes the format's error frame (the status is already 200). A client that goes away is an
 * ordinary event, not an error: one INFO line, and closing the stream records the attempt as
 * {@code client_cancelled} with the usage seen so far.
 */
final class StreamPump {
    private static final System.Logger LOG = System.getLogger(StreamPump.class.getName());

    private StreamPump() {}

    static void pump(GatewayStream stream, FrameWriter writer, OutputStream out) {
        try (stream) {
            try {
                for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
                    byte[] frame = writer.write(e);
                    if (frame.length > 0) send(out, frame);
                }
            } catch (SwitchboardException e) {
                send(out, writer.failure(e));
                return;
            }
            send(out, writer.end(stream.quote() == null ? null : stream.quote().costUsd()));
        } catch (ClientGone gone) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "client disconnected mid-stream ("
                            + gone.getCause().getClass().getSimpleName() + "); attempt recorded as client_cancelled");
        }
    }

    /** A failed write is the client's connection (HTTP bridges throw IOExceptions or their own runtime exceptions). */
    private static void send(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException | RuntimeException e) {
            throw new ClientGone(e);
        }
    }

    private static final class ClientGone extends RuntimeException {
        ClientGone(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
