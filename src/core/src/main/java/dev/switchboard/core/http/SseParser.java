package dev.switchboard.core.http;

import java.util.function.Consumer;

/**
 * Incremental Server-Sent Events parser (WHATWG rules): lines in, events out. Multiple data lines join with
 * "\n", a single leading space after the colon is dropped, comment lines (":") are ignored, a blank line
 * dispatches. Keeps only the event being assembled.
 */
public final class SseParser {
    private final Consumer<SseEvent> sink;
    private String event;
    private String id;
    private StringBuilder data;

    public SseParser(Consumer<SseEvent> sink) {
        this.sink = sink;
    }

    public void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') return;
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) value = value.substring(1);
        switch (field) {
            case "data" -> {
                if (data == null) data = new StringBuilder(value);
                else data.append('\n').append(value);
            }
            case "event" -> event = value;
            case "id" -> id = value;
            default -> {
                /* retry and unknown fields are ignored */
            }
        }
    }

    /** End of input: a final event without its blank line is still delivered. */
    public void end() {
        dispatch();
    }

    private void dispatch() {
        if (data != null) sink.accept(new SseEvent(event, data.toString(), id));
        data = null;
        event = null;
    }
}
