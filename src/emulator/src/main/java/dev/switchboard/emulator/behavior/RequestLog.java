package dev.switchboard.emulator.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread-safe, bounded record of received requests. Bounded because dev mode runs for hours and must not
 * grow without limit; the oldest entries are dropped first.
 */
public final class RequestLog {

    static final String REDACTED = "REDACTED";

    /** Headers that carry credentials for one of the five providers (or SigV4). */
    private static final Set<String> SECRET_HEADERS = Set.of(
            "authorization",
            "x-api-key",
            "api-key",
            "x-goog-api-key",
            "x-amz-security-token",
            "proxy-authorization",
            "cookie");

    private final int capacity;
    private final ConcurrentLinkedDeque<RecordedRequest> entries = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    public RequestLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    public void record(
            Protocol protocol,
            String method,
            String path,
            String model,
            Map<String, List<String>> headers,
            JsonNode body) {
        entries.addLast(new RecordedRequest(protocol, method, path, model, redact(headers), body));
        if (size.incrementAndGet() > capacity && entries.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    public List<RecordedRequest> all() {
        return List.copyOf(entries);
    }

    public List<RecordedRequest> forModel(String model) {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r : entries) {
            if (Objects.equals(model, r.model())) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    public void clear() {
        while (entries.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    static Map<String, String> redact(Map<String, List<String>> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name == null) {
                return;
            }
            String key = name.toLowerCase(Locale.ROOT);
            out.put(key, SECRET_HEADERS.contains(key) ? REDACTED : String.join(", ", values));
        });
        return out;
    }
}
