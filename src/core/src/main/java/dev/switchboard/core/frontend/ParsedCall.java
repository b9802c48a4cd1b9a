package dev.switchboard.core.frontend;

import dev.switchboard.core.model.ChatRequest;

/** What a front door's request reader hands the gateway: the canonical request and whether to stream it. */
public interface ParsedCall {
    ChatRequest request();

    boolean stream();
}
