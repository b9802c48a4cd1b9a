package dev.switchboard.core.http;

import dev.switchboard.core.model.StreamEvent;
import java.util.function.Consumer;

/**
 * A provider's stream codec over SSE: a state machine fed one event at a time. A new instance per stream.
 * May throw a SwitchboardException when the provider reports an error inside the stream.
 */
public interface SseDecoder {
    void onEvent(SseEvent event, Consumer<StreamEvent> out);

    /** The upstream closed the stream; emit whatever is still pending (e.g. a finish the provider implied). */
    default void onEnd(Consumer<StreamEvent> out) {}
}
