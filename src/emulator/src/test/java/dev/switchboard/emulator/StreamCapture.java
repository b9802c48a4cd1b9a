package dev.switchboard.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a streamed body line by line, noting when each line arrived and how the stream ended. */
public record StreamCapture(List<String> lines, List<Long> arrivalNanos, IOException failure) {

    public static StreamCapture read(InputStream body) {
        List<String> lines = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                times.add(System.nanoTime());
            }
            return new StreamCapture(lines, times, null);
        } catch (IOException e) {
            return new StreamCapture(lines, times, e);
        }
    }

    /** The {@code data:} payloads received. */
    public List<String> data() {
        return lines.stream()
                .filter(l -> l.startsWith("data:"))
                .map(l -> l.substring(5).strip())
                .toList();
    }

    /** Arrival times of the {@code data:} lines. */
    public List<Long> dataArrivals() {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("data:")) {
                out.add(arrivalNanos.get(i));
            }
        }
        return out;
    }

    public boolean completedCleanly() {
        return failure == null;
    }
}
