package dev.switchboard.core.telemetry;

/**
 * A request through the gateway, over.
 *
 * @param outcome "ok" (for a stream: it started) or the error kind the caller got
 */
public record RequestEnd(String route, boolean stream, String outcome) {}
