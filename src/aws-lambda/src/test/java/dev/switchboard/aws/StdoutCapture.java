package dev.switchboard.aws;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tees {@code System.out} so tests can read what the function printed, the way CloudWatch Logs would. Installed
 * before Quarkus boots, so the EMF sink (which takes {@code System.out} when it is built) writes through it. Only
 * lines that start with '{' are kept: the cost lines are JSON objects, the rest is console logging.
 */
public final class StdoutCapture {
    private static final List<String> LINES = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private StdoutCapture() {}

    public static synchronized void install() {
        if (installed) return;
        PrintStream original = System.out;
        System.setOut(new PrintStream(new Tee(original), true, StandardCharsets.UTF_8));
        installed = true;
    }

    /** Every JSON-looking line printed so far, oldest first. */
    public static List<String> jsonLines() {
        return List.copyOf(LINES);
    }

    private static final class Tee extends OutputStream {
        private final PrintStream original;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Tee(PrintStream original) {
            this.original = original;
        }

        @Override
        public synchronized void write(int b) {
            original.write(b);
            collect(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            original.write(b, off, len);
            for (int i = off; i < off + len; i++) collect(b[i]);
        }

        @Override
        public synchronized void flush() {
            original.flush();
        }

        private void collect(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (s.startsWith("{")) LINES.add(s);
        }
    }
}
