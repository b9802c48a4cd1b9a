package dev.switchboard.core.http;

/** One Server-Sent Event: {@code event} is null when the stream did not name it (the "message" default). */
public record SseEvent(String event, String data, String id) {}
