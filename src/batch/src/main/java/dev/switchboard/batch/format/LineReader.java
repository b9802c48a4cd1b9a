package dev.switchboard.batch.format;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a JSONL stream into physical lines ({@code \n}, an optional {@code \r} before it dropped) without ever
 * holding more than one capped line: a line past the cap is skipped to its end and reported as oversized.
 */
public final class LineReader implements AutoCloseable {

    /** One physical line; {@code bytes} is null when the line was longer than the cap. */
    public record Line(int number, byte[] bytes, long length) {
        public boolean oversized() {
            return bytes == null;
        }

        public boolean blank() {
            if (bytes == null) return false;
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\r') return false;
            }
            return true;
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private int number;
    private long bytesRead;
    private boolean eof;

    public LineReader(InputStream in, int maxLineBytes) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the stream. */
    public Line next() throws IOException {
        if (eof) return null;
        buffer.reset();
        long length = 0;
        boolean any = false;
        int b;
        while ((b = in.read()) != -1) {
            any = true;
            bytesRead++;
            if (b == '\n') break;
            length++;
            if (length <= maxLineBytes) buffer.write(b);
        }
        if (b == -1) {
            eof = true;
            if (!any) return null;
        }
        number++;
        if (length > maxLineBytes) return new Line(number, null, length);
        byte[] bytes = buffer.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r')
            bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        return new Line(number, bytes, length);
    }

    /** Bytes consumed so far, line ends included. */
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
