package dev.switchboard.core.spi;

import dev.switchboard.core.model.StreamEvent;
import java.time.Duration;

/** A streamed answer, pulled one event at a time. Closing it cancels the upstream call. */
public interface ChatStream extends AutoCloseable {

    /**
     * The next event, waiting at most {@code timeout}; null once the stream ended normally. Fails with a
     * SwitchboardException when the upstream breaks off or sends an error, and with
     * {@link dev.switchboard.core.error.Timeout} when nothing arrives in time.
     */
    StreamEvent next(Duration timeout);

    /** The next event, waiting at most the idle timeout the stream was opened with. */
    StreamEvent next();

    /** Idempotent; cancels the upstream if it is still sending. */
    @Override
    void close();
}
