package dev.switchboard.core.frontend;

import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.model.StreamEvent;
import java.math.BigDecimal;

/** Renders a stream in one front door's wire format (OpenAI chunks, Anthropic events). Stateful: one per stream. */
public interface FrameWriter {

    /** The frame(s) for one event; empty when the event produces none yet. */
    byte[] write(StreamEvent event);

    /** The closing frames, with the call's cost when known. */
    byte[] end(BigDecimal costUsd);

    /** The frame that ends a stream the upstream broke off. */
    byte[] failure(SwitchboardException e);
}
