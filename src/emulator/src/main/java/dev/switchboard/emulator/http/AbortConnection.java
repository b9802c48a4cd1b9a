package dev.switchboard.emulator.http;

/**
 * Thrown from a handler to drop the TCP connection. The JDK server closes the connection when a handler
 * throws, without writing the chunked terminator or any pending status line, which is exactly
 * "connection reset" / "cut mid-stream" as a client sees it.
 */
public final class AbortConnection extends RuntimeException {

    public AbortConnection(String reason) {
        super(reason, null, false, false);
    }
}
