package dev.switchboard.api.service;

import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.frontend.FrameWriter;
import dev.switchboard.core.gateway.GatewayStream;
import dev.switchboard.core.model.StreamEvent;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Copies a gateway stream to a client in one front door's format, flushing each frame. An upstream failure after
 * the first byte becomes the format's error frame (the status is already 200); a client that goes away surfaces as
 * an IOException, and closing the stream records the attempt as cancelled with the usage seen so far.
 */
final class StreamPump {
    private StreamPump() {}

    static void pump(GatewayStream stream, FrameWriter writer, OutputStream out) throws IOException {
        try (stream) {
            try {
                for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
                    byte[] frame = writer.write(e);
                    if (frame.length > 0) {
                        out.write(frame);
                        out.flush();
                    }
                }
            } catch (SwitchboardException e) {
                out.write(writer.failure(e));
                out.flush();
                return;
            }
            out.write(writer.end(stream.quote() == null ? null : stream.quote().costUsd()));
            out.flush();
        }
    }
}
